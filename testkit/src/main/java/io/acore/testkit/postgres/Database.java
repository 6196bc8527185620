package io.acore.testkit.postgres;

import io.acore.devstack.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** A test database that can go away and come back on the same port with the same data, to play an outage. */
public final class Database {
    private final int port;
    private final Path dataDir;
    private volatile EmbeddedPostgresServer server;

    Database(int port, Path dataDir) {
        this.port = port;
        this.dataDir = dataDir;
    }

    public void stop() {
        close(server);
    }

    public void start() {
        try {
            server = EmbeddedPostgresServer.startPersistent(port, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    EmbeddedPostgresServer server() {
        return server;
    }

    static void close(EmbeddedPostgresServer server) {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
