package io.acore.events.llm;

import java.util.Optional;

/** Where a model is and how to talk to it: the main one ({@code ACORE_LLM_*}) or another one set beside it. */
public record ModelEndpoint(LlmSettings.Api api, String baseUrl, String model, Optional<String> apiKey) {
    public static ModelEndpoint main(LlmSettings settings) {
        return new ModelEndpoint(settings.api(), settings.baseUrl(), settings.model(), settings.apiKey());
    }

    /**
     * The main model with what {@code other} sets instead: another model on the same server keeps the server's key,
     * another server brings its own.
     */
    public static ModelEndpoint besides(LlmSettings settings, LlmSettings.OtherModel other) {
        return new ModelEndpoint(other.api().orElse(settings.api()), other.baseUrl().orElse(settings.baseUrl()),
                other.model().orElse(settings.model()),
                other.baseUrl().isPresent() ? other.apiKey() : other.apiKey().or(settings::apiKey));
    }

    /** The fallback ({@code ACORE_LLM_FALLBACK_*}), when a fallback server or model is set. */
    public static Optional<ModelEndpoint> fallback(LlmSettings settings) {
        LlmSettings.OtherModel fallback = settings.fallback();
        if (fallback.baseUrl().isEmpty() && fallback.model().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(besides(settings, fallback));
    }
}
