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

    /** Model calls at once: starting from {@code initial}, each stretch with a "full" answer times {@code backoff}. */
    public record TestConcurrency(int initial, int min, int max, double backoff) implements Concurrency {
    }

    @Override
    public Concurrency concurrency() {
        return new TestConcurrency(8, 1, 64, 0.5);
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
