package io.acore.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.acore.memory.config.MemoryConfig;
import io.acore.memory.config.ThinkingConfig;
import io.acore.testkit.ConfigurationDocs;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Every setting memory-service reads is on docs/configuration.md, as the environment variable an operator sets. */
class ConfigurationDocumentedTest {
    @Test
    void everySettingIsOnTheConfigurationPage() throws IOException {
        assertThat(ConfigurationDocs.undocumented(MemoryConfig.class, ThinkingConfig.class)).isEmpty();
    }
}
