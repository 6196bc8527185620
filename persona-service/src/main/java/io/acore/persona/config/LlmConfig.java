package io.acore.persona.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The model server: any OpenAI-compatible {@code /v1/chat/completions} endpoint. */
@ConfigMapping(prefix = "acore.llm")
public interface LlmConfig {
    /** Base URL ending in {@code /v1}, e.g. Ollama's {@code http://localhost:11434/v1}. */
    @WithDefault("http://localhost:11434/v1")
    String baseUrl();

    @WithDefault("llama3.2")
    String model();

    /** Sent as a bearer token when set; local servers usually need none. */
    Optional<String> apiKey();

    /** The longest a whole reply may take, first byte to last token. */
    @WithDefault("120s")
    Duration timeout();

    @WithDefault("5s")
    Duration connectTimeout();

    /** The longest reply asked for, in tokens; reserved out of {@link #contextTokens()}. */
    @WithDefault("400")
    int maxTokens();

    /** The model's context window in tokens: prompt and reply together must fit. */
    @WithDefault("4096")
    int contextTokens();

    @WithDefault("0.8")
    double temperature();
}
