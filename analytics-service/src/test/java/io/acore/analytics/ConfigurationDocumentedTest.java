package io.acore.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.acore.analytics.config.AnalyticsConfig;
import io.acore.testkit.ConfigurationDocs;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Every setting analytics-service reads is on docs/configuration.md, as the environment variable an operator sets. */
class ConfigurationDocumentedTest {
    @Test
    void everySettingIsOnTheConfigurationPage() throws IOException {
        assertThat(ConfigurationDocs.undocumented(AnalyticsConfig.class)).isEmpty();
    }
}
