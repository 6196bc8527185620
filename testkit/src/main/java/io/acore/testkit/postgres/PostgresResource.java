package io.acore.testkit.postgres;

import io.acore.devstack.EmbeddedPostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A throwaway PostgreSQL for a {@code @QuarkusTest}, set as the default datasource. With
 * {@code ACORE_TEST_DB_URL} set (a server's URL ending in {@code /}; role from
 * {@code ACORE_TEST_DB_USER}, default postgres, and {@code ACORE_TEST_DB_PASSWORD}), a fresh database on that
 * server instead, dropped afterwards.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {
    private static final String SERVER = System.getenv("ACORE_TEST_DB_URL");
    private static final String USER = System.getenv().getOrDefault("ACORE_TEST_DB_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("ACORE_TEST_DB_PASSWORD", "");

    private EmbeddedPostgresServer postgres;
    private String database;

    @Override
    public Map<String, String> start() {
        if (SERVER != null && !SERVER.isBlank()) {
            database = "acore_test_" + UUID.randomUUID().toString().replace("-", "");
            administer("CREATE DATABASE " + database);
            return Map.of("quarkus.datasource.jdbc.url", SERVER + database, "quarkus.datasource.username", USER,
                    "quarkus.datasource.password", PASSWORD);
        }
        try {
            postgres = EmbeddedPostgresServer.startEphemeral();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return DatasourceSettings.of(postgres);
    }

    @Override
    public void stop() {
        if (database != null) {
            administer("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
        Database.close(postgres);
    }

    private static void administer(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("on the test database server " + SERVER + ": " + sql, e);
        }
    }
}
