package io.acore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acore.memory.service.Embedder;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.model.StubModelResource;
import io.acore.testkit.postgres.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Facts and episodes kept from before a change of embedding model get their meanings back in the background. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StubModelResource.class, scope = TestResourceScope.GLOBAL)
class MeaningBackfillTest {
    @Inject
    DataSource dataSource;

    @Inject
    Embedder embedder;

    @Test
    void aFactAndAnEpisodeStoredWithoutTheirMeaningGetTheEmbeddingOfWhatTheySay() throws SQLException {
        String user = "backfill-" + UUID.randomUUID();
        String fact = "Rides a red bicycle to work every morning";
        String episode = "They planned a week of hiking in the Dolomites for September.";
        long factId;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insertFact = connection.prepareStatement("""
                        INSERT INTO memory_fact (scope, user_id, persona_id, kind, content, source_ids, confidence, topic)
                        VALUES ('web:' || ?, ?, '*', 'fact', ?, ARRAY['t1'], 0.9, 'commute') RETURNING id""");
                PreparedStatement insertSummary = connection.prepareStatement("""
                        INSERT INTO conversation_summary (conversation_id, version, scope, content, first_seq, last_seq,
                                                          user_ids, episode, from_at, until_at)
                        VALUES ('web:' || ?, 1, 'web:' || ?, 'They talked about holidays.', 1, 20, ARRAY[?], ?,
                                now() - interval '1 day', now())""")) {
            insertFact.setString(1, user);
            insertFact.setString(2, user);
            insertFact.setString(3, fact);
            try (ResultSet rows = insertFact.executeQuery()) {
                rows.next();
                factId = rows.getLong(1);
            }
            insertSummary.setString(1, user);
            insertSummary.setString(2, user);
            insertSummary.setString(3, user);
            insertSummary.setString(4, episode);
            insertSummary.executeUpdate();
        }

        float[] factMeaning = await().atMost(Duration.ofSeconds(30)).until(
                () -> vector("SELECT vector FROM memory_fact WHERE id = ?::bigint", String.valueOf(factId)),
                v -> v != null);
        float[] episodeMeaning = await().atMost(Duration.ofSeconds(30)).until(() -> vector(
                "SELECT episode_vector FROM conversation_summary WHERE conversation_id = ?", "web:" + user),
                v -> v != null);

        List<float[]> expected = embedder.embedAll(List.of(fact, episode));
        assertThat(Embedder.similarity(factMeaning, expected.get(0))).isGreaterThan(0.999);
        assertThat(Embedder.similarity(episodeMeaning, expected.get(1))).isGreaterThan(0.999);
        assertThat(Embedder.similarity(factMeaning, expected.get(1))).as("each its own meaning").isLessThan(0.9);
    }

    private float[] vector(String sql, String key) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, key);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next() || rows.getBytes(1) == null) {
                    return null;
                }
                ByteBuffer bytes = ByteBuffer.wrap(rows.getBytes(1)).order(ByteOrder.LITTLE_ENDIAN);
                float[] vector = new float[bytes.remaining() / Float.BYTES];
                bytes.asFloatBuffer().get(vector);
                return vector;
            }
        }
    }
}
