package io.acore.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.acore.memory.repository.EmbeddingRepository;
import io.acore.memory.repository.EmbeddingRepository.NewEmbedding;
import io.acore.memory.repository.ScoredEmbedding;
import io.acore.memory.repository.VectorColumn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The search in PostgreSQL with pgvector, on the server {@code ACORE_TEST_DB_URL} names (e.g.
 * {@code jdbc:postgresql://localhost:5432/}, as a role that may create databases and the extension) when it has
 * pgvector; the test makes a database of its own there. The embedded default has no pgvector, so without such a
 * server this test does not run.
 */
@EnabledIfEnvironmentVariable(named = "ACORE_TEST_DB_URL", matches = ".+")
class PgvectorSearchTest {
    private static final String DATABASE = "acore_pgvector_test";
    private static PGSimpleDataSource dataSource;

    @BeforeAll
    static void freshDatabaseMigratedWithPgvector() throws SQLException {
        String server = System.getenv("ACORE_TEST_DB_URL");
        String user = System.getenv().getOrDefault("ACORE_TEST_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("ACORE_TEST_DB_PASSWORD", "");
        try (Connection admin = DriverManager.getConnection(server + "postgres", user, password);
                Statement statement = admin.createStatement()) {
            Assumptions.assumeTrue(statement.executeQuery(
                    "SELECT 1 FROM pg_available_extensions WHERE name = 'vector'").next(), "the server has no pgvector");
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(server + DATABASE);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        migrate();
    }

    /** memory-service's migrations, in order, as Flyway applies them at start-up. */
    private static void migrate() throws SQLException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"));
                Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            for (Path file : files.sorted(Comparator.comparingInt(PgvectorSearchTest::version)).toList()) {
                statement.execute(Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int version(Path migration) {
        String name = migration.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    @Test
    void findsTheNearestInTheScopeOnlyBestFirstIncludingWhatWasStoredBeforePgvector() throws SQLException {
        VectorColumn column = new VectorColumn(dataSource);
        EmbeddingRepository embeddings = new EmbeddingRepository(dataSource, column);
        assertThat(column.present()).isTrue();

        Random random = new Random(5);
        float[] query = unit(random);
        List<NewEmbedding> stored = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            stored.add(embedding("noise-" + i, "discord:1", unit(random)));
        }
        stored.add(embedding("close", "discord:1", nudged(query, random, 0.2f)));
        stored.add(embedding("closer", "discord:1", nudged(query, random, 0.05f)));
        stored.add(embedding("other-server", "discord:2", query));
        embeddings.store(stored);
        storedBeforePgvector("legacy", "discord:1", nudged(query, random, 0.1f));

        assertThat(embeddings.fillVectorColumn(1_000)).isEqualTo(1);
        List<ScoredEmbedding> nearest = embeddings.nearest("discord:1", query, 3);

        assertThat(nearest).extracting(near -> near.owner().id()).containsExactly("closer", "legacy", "close");
        assertThat(nearest.get(0).owner().score()).isGreaterThan(0.95).isLessThanOrEqualTo(1.0001);
        assertThat(embeddings.nearest("discord:2", query, 3)).extracting(near -> near.owner().id())
                .containsExactly("other-server");
    }

    private static NewEmbedding embedding(String id, String scope, float[] vector) {
        return new NewEmbedding("summary", id, scope, null, vector);
    }

    private static void storedBeforePgvector(String id, String scope, float[] vector) throws SQLException {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO memory_embedding (owner_kind, owner_id, scope, vector) VALUES ('summary', ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, scope);
            insert.setBytes(3, bytes.array());
            insert.executeUpdate();
        }
    }

    private static float[] unit(Random random) {
        float[] vector = new float[384];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return normalised(vector);
    }

    private static float[] nudged(float[] vector, Random random, float by) {
        float[] nudged = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            nudged[i] = vector[i] + by * (float) random.nextGaussian() / (float) Math.sqrt(vector.length);
        }
        return normalised(nudged);
    }

    private static float[] normalised(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        for (int i = 0; i < vector.length; i++) {
            vector[i] /= (float) Math.sqrt(norm);
        }
        return vector;
    }
}
