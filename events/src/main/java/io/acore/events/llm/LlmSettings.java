package io.acore.events.llm;

import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The model server every service that calls a model reads ({@code ACORE_LLM_*}): any OpenAI-compatible
 * {@code /v1/chat/completions} endpoint, or Ollama's native API. Each service maps it under {@code acore.llm} with
 * what only it needs added, so one set of settings reaches the reply path and the background work alike.
 */
public interface LlmSettings {
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

    /** The longest a reply's model call may take, from the request to the last token, retries included. */
    @WithDefault("120s")
    Duration timeout();

    @WithDefault("5s")
    Duration connectTimeout();

    /** The longest reply asked for, in tokens; reserved out of {@link #contextTokens()}. */
    @WithDefault("400")
    int maxTokens();

    /**
     * The model's context window in tokens: prompt and answer together must fit. Every call sends it to Ollama
     * ({@code num_ctx}), so replies and background calls never make it load the model again with another window.
     */
    @WithDefault("4096")
    int contextTokens();

    @WithDefault("0.8")
    double temperature();

    /** Another server or model that answers while this one is unavailable; off unless a URL or model is set. */
    OtherModel fallback();

    /** A model that differs from the main one in what it sets; what it leaves unset is the main model's. */
    interface OtherModel {
        /** Defaults to the main server's. */
        Optional<String> baseUrl();

        /** Defaults to the main model's name. */
        Optional<String> model();

        /** Defaults to the main server's API. */
        Optional<Api> api();

        /** This server's bearer token; on the main server, the main key is used. */
        Optional<String> apiKey();
    }
}
