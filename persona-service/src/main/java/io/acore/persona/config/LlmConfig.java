package io.acore.persona.config;

import io.acore.events.llm.LlmSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** The model server ({@link LlmSettings}, shared with memory-service), and how many calls the replies send it at once. */
@ConfigMapping(prefix = "acore.llm")
public interface LlmConfig extends LlmSettings {
    /** How many calls the model server is sent at once: found as it answers, not set. */
    Concurrency concurrency();

    /**
     * Models of the model server a server's managers may choose for their personas ({@code /persona model}); none
     * listed: only {@code ACORE_LLM_MODEL} is used.
     */
    Optional<List<String>> choosableModels();

    /**
     * The limit starts at {@code initial}; when the server says it is full (HTTP 429 or 503) it becomes the number of
     * other calls the server was running then, and each second in which calls passed near it without a "full" answer
     * adds one; it stays between {@code min} and {@code max}. Calls over the limit wait for a place.
     */
    interface Concurrency {
        @WithDefault("128")
        int initial();

        @WithDefault("1")
        int min();

        @WithDefault("512")
        int max();
    }
}
