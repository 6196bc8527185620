package io.acore.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.acore.events.startup.StartupFailure;
import io.smallrye.config.ConfigValidationException;
import java.net.ConnectException;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class StartupFailureTest {

    @Test
    void eachWrongSettingIsNamedAsTheVariableAnOperatorSetsWithWhatItExpects() {
        ConfigValidationException invalid = new ConfigValidationException(new ConfigValidationException.Problem[] {
            new ConfigValidationException.Problem("java.lang.IllegalArgumentException: SRCFG00039: The config property "
                    + "acore.llm.api with the config value \"foo\" threw an Exception whilst being converted SRCFG00049: "
                    + "Cannot convert foo to enum class io.acore.events.llm.LlmSettings$Api, allowed values: openai,ollama"),
            new ConfigValidationException.Problem("SRCFG00039: The config property acore.persona.max-concurrent-replies "
                    + "with the config value \"lots\" threw an Exception whilst being converted SRCFG00029: Expected an "
                    + "integer value, got \"lots\"")});

        assertThat(StartupFailure.wrongSettings(new RuntimeException("Failed to start", invalid))).containsExactly(
                "acore could not start: ACORE_LLM_API is \"foo\"; expected one of openai,ollama",
                "acore could not start: ACORE_PERSONA_MAX_CONCURRENT_REPLIES is \"lots\"; Expected an integer value, "
                        + "got \"lots\"");
    }

    @Test
    void aMissingSettingIsNamedAndAFailureAboutNoSettingNamesNone() {
        assertThat(StartupFailure.wrongSettings(new NoSuchElementException("SRCFG00014: The config property "
                + "acore.analytics.api-key is required but it could not be found in any config source")))
                .containsExactly("acore could not start: ACORE_ANALYTICS_API_KEY must be set");
        assertThat(StartupFailure.wrongSettings(new IllegalStateException("boot",
                new ConnectException("Connection refused")))).isEmpty();
    }
}
