package io.acore.testkit.postgres;

import io.acore.devstack.EmbeddedPostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** A throwaway PostgreSQL for a {@code @QuarkusTest}, set as the default datasource. */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {
    private EmbeddedPostgresServer postgres;

    @Override
    public Map<String, String> start() {
        try {
            postgres = EmbeddedPostgresServer.startEphemeral();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return DatasourceSettings.of(postgres);
    }

    @Override
    public void stop() {
        Database.close(postgres);
    }
}
