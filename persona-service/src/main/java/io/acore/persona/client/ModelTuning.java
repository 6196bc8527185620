package io.acore.persona.client;

import io.acore.events.llm.CallOptions;

/**
 * What a reply asks of the model in place of {@code ACORE_LLM_*}: another model on the same server, a temperature,
 * a longest answer; null where the settings stand. A persona's, channel's or server's choice
 * ({@code /persona model}).
 */
public record ModelTuning(String model, Double temperature, Integer maxTokens) {
    public static final ModelTuning NONE = new ModelTuning(null, null, null);

    CallOptions applied(CallOptions options) {
        return options.with(model, temperature, maxTokens);
    }

    /** The same for the fallback model, which is a model of its own. */
    ModelTuning forFallback() {
        return new ModelTuning(null, temperature, maxTokens);
    }
}
