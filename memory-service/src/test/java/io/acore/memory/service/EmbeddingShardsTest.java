package io.acore.memory.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acore.events.ConversationId;
import io.acore.events.Topics;
import io.acore.memory.repository.BackgroundLock;
import io.acore.memory.repository.EmbeddingQueue;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.TestEvents;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.kafka.KafkaTopics;
import io.acore.testkit.postgres.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Replicas share an embedding backlog by shards of scopes: while another replica embeds one shard, this one embeds
 * the turns of the others and leaves that shard's to it, so neither waits for the other and no turn is embedded
 * twice.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class EmbeddingShardsTest {
    private static final String MEMBER = "800000000000000079";

    @InjectTestResource
    KafkaTopics topics;

    @Inject
    BackgroundLock lock;

    @Inject
    DataSource dataSource;

    @Test
    void whileAnotherReplicaEmbedsOneShardThisOneEmbedsTheOthersAndLeavesThatOne() throws Exception {
        ConversationId busy = ConversationId.discord("790000000000000001", "791000000000000001");
        ConversationId other = otherShardThan(busy);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        CompletableFuture<Boolean> otherReplica = CompletableFuture.supplyAsync(
                () -> lock.runAlone(EmbeddingIndexer.job(shard(busy)), () -> {
                    holding.countDown();
                    awaitQuietly(done);
                }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        String waiting = "The lighthouse keeper painted the stairs blue last spring.";
        String free = "Our allotment finally grew pumpkins large enough to carve.";
        topics.send(Topics.CHAT_INBOUND, TestEvents.discordMessage(busy, MEMBER, "Ines", waiting));
        await().atMost(Duration.ofSeconds(20)).until(() -> embedded(waiting) != null);
        topics.send(Topics.CHAT_INBOUND, TestEvents.discordMessage(other, MEMBER, "Ines", free));

        await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(embedded(free)));
        assertThat(embedded(waiting)).as("the older turn, in the shard the other replica holds").isFalse();

        done.countDown();
        assertThat(otherReplica.get(10, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(embedded(waiting)));
        assertThat(embeddingsOf(waiting)).isEqualTo(1);
        assertThat(embeddingsOf(free)).isEqualTo(1);
    }

    /** A channel of another server whose scope lies in another shard. */
    private ConversationId otherShardThan(ConversationId busy) throws SQLException {
        for (int server = 2; server < 100; server++) {
            ConversationId candidate = ConversationId.discord("7900000000000000" + String.format("%02d", server),
                    "791000000000000001");
            if (shard(candidate) != shard(busy)) {
                return candidate;
            }
        }
        throw new AssertionError("every server fell in one shard");
    }

    /** The shard the database puts a conversation's scope in. */
    private int shard(ConversationId conversation) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT mod(hashtext(?) & 2147483647, " + EmbeddingQueue.SHARDS + ")")) {
            query.setString(1, MemoryScope.of(conversation, null));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the turn is embedded; null while it is not stored. */
    private Boolean embedded(String content) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT embedded FROM conversation_message WHERE content = ?")) {
            query.setString(1, content);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getBoolean(1) : null;
            }
        }
    }

    private int embeddingsOf(String content) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM memory_embedding e"
                        + " JOIN conversation_message m ON e.owner_kind = 'message' AND e.owner_id = m.id"
                        + " WHERE m.content = ?")) {
            query.setString(1, content);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
