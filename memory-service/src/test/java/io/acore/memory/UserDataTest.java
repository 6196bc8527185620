package io.acore.memory;

import static io.acore.memory.ServiceCalls.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.acore.events.ChatMessage;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class UserDataTest {
    @InjectTestResource
    KafkaTopics topics;

    @Inject
    DataSource dataSource;

    @Test
    void aUserCanExportAndThenEraseWhatTheyWroteEverywhere() throws SQLException {
        ChatMessage first = TestEvents.webMessage("privacy-a", "gil", "my secret one");
        ChatMessage second = TestEvents.webMessage("privacy-b", "gil", "my secret two");
        ChatMessage other = TestEvents.webMessage("privacy-a", "hal", "not gil's");
        for (ChatMessage m : new ChatMessage[] {first, second, other}) {
            topics.send(Topics.CHAT_INBOUND, m);
        }
        topics.send(Topics.CHAT_OUTBOUND, TestEvents.finalReply(first, "sable", "Sable", "Noted, gil."));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/users/web:gil/messages")
                .then().statusCode(200).body("content", contains("my secret one", "my secret two"))
                .body("conversationId", contains("web:privacy-a", "web:privacy-b")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/conversations/web:privacy-a/messages").then().body("$", hasSize(3)));

        await().atMost(Duration.ofSeconds(60)).until(() -> tablesMentioning("web:gil").containsAll(
                List.of("conversation_message", "user_profile", "memory_embedding")));

        given().delete("/api/users/web:gil/messages").then().statusCode(200).body("deleted", equalTo(2));
        assertThat(tablesMentioning("web:gil")).isEmpty();
        assertThat(tablesMentioning("my secret")).isEmpty();
        assertThat(tablesMentioning("Noted, gil")).as("the reply that answered gil").isEmpty();
        assertThat(tablesMentioning("web:hal")).contains("conversation_message", "user_profile");

        given().get("/api/users/web:gil/messages").then().statusCode(200).body("$", hasSize(0));
        given().get("/api/conversations/web:privacy-a/messages").then().statusCode(200)
                .body("content", contains("not gil's"));
    }

    @Test
    void turnsStillOnTheirWayWhenTheUserIsErasedAreDroppedWithTheRepliesToThem() throws SQLException {
        ChatMessage stored = TestEvents.webMessage("race", "ivy", "ivy's first words");
        topics.send(Topics.CHAT_INBOUND, stored);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/conversations/web:race/messages").then().body("$", hasSize(1)));
        ChatMessage inFlight = TestEvents.webMessage("race", "ivy", "ivy's words in flight");

        given().delete("/api/users/web:ivy/messages").then().statusCode(200).body("deleted", equalTo(1));

        ChatMessage after = TestEvents.webMessage("race", "ivy", "ivy again, after the erasure");
        topics.send(Topics.CHAT_OUTBOUND, TestEvents.finalReply(inFlight, "sable", "Sable", "Answer to ivy in flight"));
        topics.send(Topics.CHAT_OUTBOUND, TestEvents.finalReply(stored, "sable", "Sable", "Answer to ivy's first"));
        topics.send(Topics.CHAT_INBOUND, inFlight);
        topics.send(Topics.CHAT_INBOUND, after);
        topics.send(Topics.CHAT_OUTBOUND, TestEvents.finalReply(after, "sable", "Sable", "Welcome back"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/conversations/web:race/messages").then()
                .body("content", contains("ivy again, after the erasure", "Welcome back")));
        assertThat(tablesMentioning("in flight")).isEmpty();
        assertThat(tablesMentioning("ivy's first")).isEmpty();
        assertThat(tablesMentioning("web:ivy")).doesNotContain("memory_tombstone");
    }

    /** Every table of memory's schema with a row whose text holds {@code needle}, in any column. */
    private List<String> tablesMentioning(String needle) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                ResultSet names = connection.createStatement().executeQuery("""
                        SELECT table_name FROM information_schema.tables
                        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                          AND table_name <> 'flyway_schema_history'""")) {
            while (names.next()) {
                String table = names.getString(1);
                try (PreparedStatement query = connection.prepareStatement(
                        "SELECT count(*) FROM " + table + " t WHERE t::text LIKE ?")) {
                    query.setString(1, "%" + needle + "%");
                    try (ResultSet count = query.executeQuery()) {
                        count.next();
                        if (count.getLong(1) > 0) {
                            tables.add(table);
                        }
                    }
                }
            }
        }
        return tables;
    }
}
