package io.acore.persona.client;

import io.acore.persona.config.LlmConfig;
import java.util.Optional;

/** Where a model is and how to talk to it: the main one ({@code ACORE_LLM_*}) or the fallback ({@code ACORE_LLM_FALLBACK_*}). */
record ModelEndpoint(LlmConfig.Api api, String baseUrl, String model, Optional<String> apiKey) {
    static ModelEndpoint main(LlmConfig config) {
        return new ModelEndpoint(config.api(), config.baseUrl(), config.model(), config.apiKey());
    }

    /**
     * The fallback, when a fallback server or model is set; what it does not set is the main model's (another
     * model on the same server keeps the server's key, another server brings its own).
     */
    static Optional<ModelEndpoint> fallback(LlmConfig config) {
        LlmConfig.Fallback fallback = config.fallback();
        if (fallback.baseUrl().isEmpty() && fallback.model().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ModelEndpoint(fallback.api().orElse(config.api()),
                fallback.baseUrl().orElse(config.baseUrl()), fallback.model().orElse(config.model()),
                fallback.baseUrl().isPresent() ? fallback.apiKey() : fallback.apiKey().or(config::apiKey)));
    }
}
