package io.acore.persona.config;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Refuses to start with model settings that cannot work, saying which setting is wrong and why. */
@Startup
@ApplicationScoped
public class LlmConfigCheck {

    public LlmConfigCheck(LlmConfig config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid model settings: " + String.join("; ", problems));
        }
    }

    static List<String> problems(LlmConfig config) {
        List<String> problems = new ArrayList<>();
        try {
            URI uri = URI.create(config.baseUrl());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                problems.add("ACORE_LLM_BASE_URL must be an http(s) URL such as http://localhost:11434/v1, not '"
                        + config.baseUrl() + "'");
            }
        } catch (IllegalArgumentException e) {
            problems.add("ACORE_LLM_BASE_URL is not a URL: '" + config.baseUrl() + "'");
        }
        if (config.api() == LlmConfig.Api.OPENAI && config.baseUrl().matches("https?://[^/]+:11434/?")) {
            problems.add("ACORE_LLM_BASE_URL points at Ollama's root; for the OpenAI-compatible API add /v1, "
                    + "or set ACORE_LLM_API=ollama");
        }
        if (config.timeout().isNegative() || config.timeout().isZero()) {
            problems.add("ACORE_LLM_TIMEOUT must be positive");
        }
        if (config.maxTokens() < 1 || config.contextTokens() <= config.maxTokens()) {
            problems.add("ACORE_LLM_CONTEXT_TOKENS (" + config.contextTokens() + ") must be larger than "
                    + "ACORE_LLM_MAX_TOKENS (" + config.maxTokens() + "), which must be at least 1");
        }
        return problems;
    }
}
