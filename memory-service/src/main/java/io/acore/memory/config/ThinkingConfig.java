package io.acore.memory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The model that writes summaries and extracts facts; it defaults to the chat model (application.properties). */
@ConfigMapping(prefix = "acore.thinking")
public interface ThinkingConfig {
    /** {@code openai} (any OpenAI-compatible server) or {@code ollama} (Ollama's native API). */
    String api();

    String baseUrl();

    String model();

    Optional<String> apiKey();

    @WithDefault("60s")
    Duration timeout();
}
