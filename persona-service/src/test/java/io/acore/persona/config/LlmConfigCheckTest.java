package io.acore.persona.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LlmConfigCheckTest {
    private static TestLlmConfig config(LlmConfig.Api api, String url, int maxTokens, int contextTokens) {
        return new TestLlmConfig(api, url, "m", Optional.empty(), Duration.ofSeconds(30), Duration.ofSeconds(2),
                maxTokens, contextTokens, 0.7);
    }

    @Test
    void acceptsWorkableSettings() {
        assertThat(LlmConfigCheck.problems(config(LlmConfig.Api.OPENAI, "http://localhost:11434/v1", 400, 4096))).isEmpty();
        assertThat(LlmConfigCheck.problems(config(LlmConfig.Api.OLLAMA, "http://localhost:11434", 400, 4096))).isEmpty();
    }

    @Test
    void refusesToStartWithSettingsThatCannotWorkAndSaysWhich() {
        assertThatThrownBy(() -> new LlmConfigCheck(config(LlmConfig.Api.OPENAI, "localhost:11434", 400, 4096)))
                .hasMessageContaining("ACORE_LLM_BASE_URL must be an http(s) URL");
        assertThat(LlmConfigCheck.problems(config(LlmConfig.Api.OPENAI, "http://gpu-box:11434", 400, 4096)))
                .singleElement().asString().contains("add /v1, or set ACORE_LLM_API=ollama");
        assertThat(LlmConfigCheck.problems(config(LlmConfig.Api.OPENAI, "http://x/v1", 4096, 4096)))
                .singleElement().asString().contains("must be larger than ACORE_LLM_MAX_TOKENS");
    }
}
