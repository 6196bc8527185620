package io.acore.persona.config;

import io.acore.events.llm.LlmSettingsCheck;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/** Refuses to start with model settings that cannot work, saying which setting is wrong and why. */
@Startup
@ApplicationScoped
public class LlmConfigCheck {

    public LlmConfigCheck(LlmConfig config) {
        LlmSettingsCheck.requireValid(config);
    }
}
