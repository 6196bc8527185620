package io.acore.devstack.quarkus;

import io.acore.devstack.EmbeddedPostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Starts a throwaway PostgreSQL for a @QuarkusTest and points the default datasource at it. */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {
    private EmbeddedPostgresServer postgres;

    @Override
    public Map<String, String> start() {
        try {
            postgres = EmbeddedPostgresServer.startEphemeral();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.datasource.jdbc.url", postgres.jdbcUrl(),
                "quarkus.datasource.username", postgres.username(),
                "quarkus.datasource.password", postgres.password());
    }

    @Override
    public void stop() {
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
