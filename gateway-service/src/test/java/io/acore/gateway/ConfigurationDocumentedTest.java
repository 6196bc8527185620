package io.acore.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.acore.gateway.config.GatewayConfig;
import io.acore.testkit.ConfigurationDocs;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Every setting gateway-service reads is on docs/configuration.md, as the environment variable an operator sets. */
class ConfigurationDocumentedTest {
    @Test
    void everySettingIsOnTheConfigurationPage() throws IOException {
        assertThat(ConfigurationDocs.undocumented(GatewayConfig.class)).isEmpty();
    }
}
