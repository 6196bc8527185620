package io.acore.testkit.postgres;

import io.acore.devstack.EmbeddedPostgresServer;
import java.util.Map;

/** The Quarkus settings that point the default datasource at a test database. */
final class DatasourceSettings {
    private DatasourceSettings() {
    }

    static Map<String, String> of(EmbeddedPostgresServer postgres) {
        return Map.of("quarkus.datasource.jdbc.url", postgres.jdbcUrl(),
                "quarkus.datasource.username", postgres.username(),
                "quarkus.datasource.password", postgres.password());
    }
}
