package io.acore.memory;

import static io.acore.memory.ServiceCalls.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;

import io.acore.events.Author;
import io.acore.events.ChatMessage;
import io.acore.events.ConversationId;
import io.acore.events.Event;
import io.acore.events.EventCodec;
import io.acore.events.Platform;
import io.acore.events.Stage;
import io.acore.events.Topics;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class RetentionTest {
    @InjectTestResource
    KafkaTopics topics;

    @Inject
    DataSource dataSource;

    @Test
    void turnsOlderThanTheRetentionAreErasedAndNewerOnesKept() {
        Instant longAgo = Instant.now().minus(400, ChronoUnit.DAYS);
        ChatMessage old = new ChatMessage(Event.SCHEMA_VERSION, EventCodec.newId(), EventCodec.newId(),
                ConversationId.web("retention"), Platform.WEB, "retention",
                new Author(Platform.WEB.userId("una"), "una", false), "said a long time ago", null, null, false, null,
                Stage.GATEWAY_RECEIVED.first(longAgo));
        topics.send(Topics.CHAT_INBOUND, old);
        topics.send(Topics.CHAT_INBOUND, TestEvents.webMessage("retention", "una", "said today"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/api/conversations/web:retention/messages").then().statusCode(200)
                .body("content", contains("said today")));
        await().atMost(Duration.ofSeconds(30)).until(this::retentionAudited);
    }

    private boolean retentionAudited() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                ResultSet rows = connection.createStatement().executeQuery(
                        "SELECT count(*) FROM memory_deletion_audit WHERE reason = 'retention'")) {
            rows.next();
            return rows.getLong(1) > 0;
        }
    }
}
