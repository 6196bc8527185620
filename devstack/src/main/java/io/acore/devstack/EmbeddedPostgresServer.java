package io.acore.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;

/** A PostgreSQL server run from the zonky binaries: no installation, works as root and as a normal user. */
public final class EmbeddedPostgresServer implements AutoCloseable {
    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** A throwaway server on a free port; its data is gone when it closes. */
    public static EmbeddedPostgresServer startEphemeral() throws IOException {
        return new EmbeddedPostgresServer(tuned(EmbeddedPostgres.builder()).start());
    }

    /** A server on {@code port} keeping its data in {@code dataDir} across runs. */
    public static EmbeddedPostgresServer startPersistent(int port, Path dataDir) throws IOException {
        return new EmbeddedPostgresServer(tuned(EmbeddedPostgres.builder())
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .start());
    }

    private static EmbeddedPostgres.Builder tuned(EmbeddedPostgres.Builder builder) {
        return builder.setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_connections", "100");
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    public String username() {
        return USER;
    }

    public String password() {
        return USER;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
