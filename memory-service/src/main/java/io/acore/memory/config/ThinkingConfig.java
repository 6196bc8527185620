package io.acore.memory.config;

import io.acore.events.llm.LlmSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The model server persona-service answers with ({@link LlmSettings}, the same {@code ACORE_LLM_*} settings), and
 * how the background work (summaries, facts) asks it: by default the chat model itself.
 */
@ConfigMapping(prefix = "acore.llm")
public interface ThinkingConfig extends LlmSettings {
    Thinking thinking();

    /**
     * The "thinking" calls: another model, server or key where set ({@code ACORE_LLM_THINKING_MODEL}, …), else the
     * chat model's; their own deadline, answer length and temperature.
     */
    interface Thinking extends OtherModel {
        /** The longest one call may take. */
        @WithDefault("60s")
        Duration timeout();

        /** The longest answer asked for: a summary of 150 words, or a list of facts. */
        @WithDefault("1000")
        int maxTokens();

        @WithDefault("0.2")
        double temperature();

        /**
         * Fact lists and summaries are asked for as a JSON object (OpenAI's {@code response_format}, Ollama's
         * {@code format}); off only for a server that refuses it. Answers are read leniently either way.
         */
        @WithDefault("true")
        boolean jsonMode();
    }
}
