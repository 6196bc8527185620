package io.acore.events.llm;

import java.time.Duration;
import java.util.Optional;

/** Model settings for unit tests, with no fallback. */
record Settings(Api api, String baseUrl, String model, Optional<String> apiKey, Duration timeout,
        Duration connectTimeout, int maxTokens, int contextTokens, double temperature) implements LlmSettings {

    static Settings of(Api api, String baseUrl, int maxTokens, int contextTokens) {
        return new Settings(api, baseUrl, "m", Optional.empty(), Duration.ofSeconds(30), Duration.ofSeconds(2),
                maxTokens, contextTokens, 0.7);
    }

    @Override
    public OtherModel fallback() {
        return new OtherModel() {
            @Override
            public Optional<String> baseUrl() {
                return Optional.empty();
            }

            @Override
            public Optional<String> model() {
                return Optional.empty();
            }

            @Override
            public Optional<Api> api() {
                return Optional.empty();
            }

            @Override
            public Optional<String> apiKey() {
                return Optional.empty();
            }
        };
    }
}
