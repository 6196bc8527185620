package io.acore.persona.config;

import java.time.Duration;
import java.util.Optional;

/** Model settings for unit tests. */
public record TestLlmConfig(Api api, String baseUrl, String model, Optional<String> apiKey, Duration timeout,
        Duration connectTimeout, int maxTokens, int contextTokens, double temperature) implements LlmConfig {

    public static TestLlmConfig of(Api api, String baseUrl, Duration timeout) {
        return new TestLlmConfig(api, baseUrl, "acore-stub", Optional.empty(), timeout, Duration.ofSeconds(2), 100,
                2048, 0.5);
    }

    @Override
    public Fallback fallback() {
        return new Fallback() {
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
