package io.acore.persona;

import static org.assertj.core.api.Assertions.assertThat;

import io.acore.persona.config.LlmConfig;
import io.acore.persona.config.PersonaConfig;
import io.acore.testkit.ConfigurationDocs;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Every setting persona-service reads is on docs/configuration.md, as the environment variable an operator sets. */
class ConfigurationDocumentedTest {
    @Test
    void everySettingIsOnTheConfigurationPage() throws IOException {
        assertThat(ConfigurationDocs.undocumented(PersonaConfig.class, LlmConfig.class)).isEmpty();
    }
}
