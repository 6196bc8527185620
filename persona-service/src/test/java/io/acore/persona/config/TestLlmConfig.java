package io.acore.persona.config;

import io.acore.events.llm.LlmSettings.Api;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** Model settings for unit tests, read as the service reads them (the {@code acore.llm} mapping), no fallback. */
public final class TestLlmConfig {
    private TestLlmConfig() {
    }

    public static LlmConfig of(Api api, String baseUrl, Duration timeout) {
        Map<String, String> values = Map.of("acore.llm.api", api.name().toLowerCase(Locale.ROOT),
                "acore.llm.base-url", baseUrl, "acore.llm.model", "acore-stub", "acore.llm.timeout", timeout.toString(),
                "acore.llm.connect-timeout", "2s", "acore.llm.max-tokens", "100", "acore.llm.context-tokens", "2048",
                "acore.llm.temperature", "0.5", "acore.llm.concurrency.initial", "8", "acore.llm.concurrency.max", "64");
        return new SmallRyeConfigBuilder().withMapping(LlmConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(values, "test", 100))
                .build().getConfigMapping(LlmConfig.class);
    }
}
