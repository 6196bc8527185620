package io.acore.events.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.acore.events.llm.LlmSettings.Api;
import org.junit.jupiter.api.Test;

class LlmSettingsCheckTest {

    @Test
    void acceptsWorkableSettings() {
        assertThat(LlmSettingsCheck.problems(Settings.of(Api.OPENAI, "http://localhost:11434/v1", 400, 4096))).isEmpty();
        assertThat(LlmSettingsCheck.problems(Settings.of(Api.OLLAMA, "http://localhost:11434", 400, 4096))).isEmpty();
    }

    @Test
    void refusesSettingsThatCannotWorkAndSaysWhich() {
        assertThatThrownBy(() -> LlmSettingsCheck.requireValid(Settings.of(Api.OPENAI, "localhost:11434", 400, 4096)))
                .hasMessageContaining("ACORE_LLM_BASE_URL must be an http(s) URL");
        assertThat(LlmSettingsCheck.problems(Settings.of(Api.OPENAI, "http://gpu-box:11434", 400, 4096)))
                .singleElement().asString().contains("add /v1, or set ACORE_LLM_API=ollama");
        assertThat(LlmSettingsCheck.problems(Settings.of(Api.OPENAI, "http://x/v1", 4096, 4096)))
                .singleElement().asString().contains("must be larger than ACORE_LLM_MAX_TOKENS");
    }
}
