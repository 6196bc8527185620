package io.acore.persona.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The model server: any OpenAI-compatible {@code /v1/chat/completions} endpoint, or Ollama's native API. */
@ConfigMapping(prefix = "acore.llm")
public interface LlmConfig {
    /** Which API the server speaks. */
    enum Api {
        OPENAI, OLLAMA
    }

    @WithDefault("openai")
    Api api();

    /**
     * For {@code openai}, the base URL ending in {@code /v1} (Ollama's is {@code http://localhost:11434/v1});
     * for {@code ollama}, the server's root ({@code http://localhost:11434}).
     */
    @WithDefault("http://localhost:11434/v1")
    String baseUrl();

    @WithDefault("llama3.2")
    String model();

    /** Sent as a bearer token when set; local servers usually need none. */
    Optional<String> apiKey();

    /** The longest a model call may take, from the request to the last token, retries included. */
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

    /** How many calls the model server is sent at once: found as it answers, not set. */
    Concurrency concurrency();

    /**
     * The limit starts at {@code initial}; each stretch of calls (at least a second) in which the server said it was
     * full (HTTP 429 or 503) multiplies it by {@code backoff}, each in which it was busy near the limit without
     * saying so adds one; it stays between {@code min} and {@code max}. Calls over the limit wait for a place.
     */
    interface Concurrency {
        @WithDefault("128")
        int initial();

        @WithDefault("1")
        int min();

        @WithDefault("512")
        int max();

        @WithDefault("0.75")
        double backoff();
    }

    /** Another server or model that answers while this one is unavailable; off unless a URL or model is set. */
    Fallback fallback();

    interface Fallback {
        /** Defaults to the main server's. */
        Optional<String> baseUrl();

        /** Defaults to the main model's name. */
        Optional<String> model();

        /** Defaults to the main server's API. */
        Optional<Api> api();

        /** The fallback server's bearer token; on the main server, the main key is used. */
        Optional<String> apiKey();
    }
}
