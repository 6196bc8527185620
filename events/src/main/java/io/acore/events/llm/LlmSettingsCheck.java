package io.acore.events.llm;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Model settings that cannot work, each said with the setting to change and why. */
public final class LlmSettingsCheck {
    private LlmSettingsCheck() {
    }

    /** Refuses settings that cannot work, so a service stops at start rather than at its first model call. */
    public static void requireValid(LlmSettings settings) {
        List<String> problems = problems(settings);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid model settings: " + String.join("; ", problems));
        }
    }

    public static List<String> problems(LlmSettings settings) {
        List<String> problems = new ArrayList<>();
        try {
            URI uri = URI.create(settings.baseUrl());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                problems.add("ACORE_LLM_BASE_URL must be an http(s) URL such as http://localhost:11434/v1, not '"
                        + settings.baseUrl() + "'");
            }
        } catch (IllegalArgumentException e) {
            problems.add("ACORE_LLM_BASE_URL is not a URL: '" + settings.baseUrl() + "'");
        }
        if (settings.api() == LlmSettings.Api.OPENAI && settings.baseUrl().matches("https?://[^/]+:11434/?")) {
            problems.add("ACORE_LLM_BASE_URL points at Ollama's root; for the OpenAI-compatible API add /v1, "
                    + "or set ACORE_LLM_API=ollama");
        }
        if (settings.timeout().isNegative() || settings.timeout().isZero()) {
            problems.add("ACORE_LLM_TIMEOUT must be positive");
        }
        if (settings.maxTokens() < 1 || settings.contextTokens() <= settings.maxTokens()) {
            problems.add("ACORE_LLM_CONTEXT_TOKENS (" + settings.contextTokens() + ") must be larger than "
                    + "ACORE_LLM_MAX_TOKENS (" + settings.maxTokens() + "), which must be at least 1");
        }
        return problems;
    }
}
