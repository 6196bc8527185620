package io.acore.memory;

import io.acore.devstack.EmbeddedPostgresServer;
import io.acore.devstack.Ports;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A PostgreSQL a test can stop and start again on the same port with the same data, to simulate an outage. */
public class RestartablePostgresResource implements QuarkusTestResourceLifecycleManager {
    private static Path dataDir;
    private static int port;
    private static volatile EmbeddedPostgresServer postgres;

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("acore-pg-outage-");
            port = Ports.free();
            startDatabase();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.datasource.jdbc.url", postgres.jdbcUrl(),
                "quarkus.datasource.username", postgres.username(),
                "quarkus.datasource.password", postgres.password());
    }

    static void stopDatabase() throws IOException {
        postgres.close();
    }

    static void startDatabase() throws IOException {
        postgres = EmbeddedPostgresServer.startPersistent(port, dataDir.resolve("data"));
    }

    @Override
    public void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
