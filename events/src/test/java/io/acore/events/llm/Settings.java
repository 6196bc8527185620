package io.acore.events.llm;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Locale;
import java.util.Map;

/** Model settings for unit tests, mapped from {@code acore.llm} as a service maps them, with no fallback. */
final class Settings {
    private Settings() {
    }

    static LlmSettings of(LlmSettings.Api api, String baseUrl, int maxTokens, int contextTokens) {
        Map<String, String> values = Map.of("acore.llm.api", api.name().toLowerCase(Locale.ROOT), "acore.llm.base-url",
                baseUrl, "acore.llm.model", "m", "acore.llm.timeout", "PT30S", "acore.llm.connect-timeout", "PT2S",
                "acore.llm.max-tokens", Integer.toString(maxTokens), "acore.llm.context-tokens",
                Integer.toString(contextTokens), "acore.llm.temperature", "0.7");
        return new SmallRyeConfigBuilder().withMapping(LlmSettings.class, "acore.llm")
                .withSources(new PropertiesConfigSource(values, "test", 100)).build()
                .getConfigMapping(LlmSettings.class, "acore.llm");
    }
}
