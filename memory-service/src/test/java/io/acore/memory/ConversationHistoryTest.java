package io.acore.memory;

import static io.acore.memory.ServiceCalls.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.acore.events.Author;
import io.acore.events.ChatMessage;
import io.acore.events.Reply;
import io.acore.events.Topics;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.TestEvents;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.kafka.KafkaTopics;
import io.acore.testkit.postgres.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ConversationHistoryTest {
    @InjectTestResource
    KafkaTopics topics;

    @Test
    void storesUserTurnsAndFinalRepliesOnceEachInOrder() {
        ChatMessage message = TestEvents.webMessage("history", "ada", "Hello there, Sable");
        Reply partial = TestEvents.partialReply(message, "sable", "Sable", "Hel");
        Reply reply = TestEvents.finalReply(message, "sable", "Sable", "Hello, Ada.");
        String key = message.conversationId().toString();

        topics.send(Topics.CHAT_INBOUND, message);
        topics.send(Topics.CHAT_INBOUND, message);
        topics.send(Topics.CHAT_OUTBOUND, partial);
        topics.send(Topics.CHAT_OUTBOUND, reply);
        topics.send(Topics.CHAT_OUTBOUND, reply);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/conversations/{id}/messages", key)
                .then().statusCode(200)
                .body("$", hasSize(2))
                .body("[0].role", equalTo("user"))
                .body("[0].authorName", equalTo("ada"))
                .body("[0].content", equalTo("Hello there, Sable"))
                .body("[1].role", equalTo("persona"))
                .body("[1].authorId", equalTo("sable"))
                .body("[1].content", equalTo("Hello, Ada."))
                .body("[1].inReplyTo", equalTo(message.id())));
    }

    @Test
    void limitReturnsTheNewestTurns() {
        String key = null;
        for (int i = 1; i <= 5; i++) {
            ChatMessage message = TestEvents.webMessage("limit", "bo", "message " + i);
            key = message.conversationId().toString();
            topics.send(Topics.CHAT_INBOUND, message);
        }
        String conversation = key;
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .queryParam("limit", 2)
                .get("/api/conversations/{id}/messages", conversation)
                .then().statusCode(200)
                .body("content", org.hamcrest.Matchers.contains("message 4", "message 5")));
    }

    @Test
    void aBurstOfTurnsCountsEachOnceInTheProfileWithEveryNameInOrder() {
        ChatMessage first = TestEvents.webMessage("burst", "fen", "one");
        String user = first.author().id();
        topics.send(Topics.CHAT_INBOUND, first);
        topics.send(Topics.CHAT_INBOUND, first);
        topics.send(Topics.CHAT_INBOUND, renamed(TestEvents.webMessage("burst", "fen", "two"), "Fen the Bold"));
        topics.send(Topics.CHAT_INBOUND, TestEvents.webMessage("burst", "fen", "three"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/users/{id}/memory", user)
                .then().statusCode(200)
                .body("profiles", hasSize(1))
                .body("profiles[0].messageCount", equalTo(3))
                .body("profiles[0].displayNames", contains("fen", "Fen the Bold")));
    }

    private static ChatMessage renamed(ChatMessage message, String name) {
        return new ChatMessage(message.v(), message.id(), message.traceId(), message.conversationId(),
                message.source(), message.channelId(), new Author(message.author().id(), name, false),
                message.content(), message.replyTo(), message.replyToAuthor(), message.mentionsBot(),
                message.restrictedTo(), message.stages());
    }

    @Test
    void rejectsAnOutOfRangeLimitWithAReason() {
        given().queryParam("limit", 0)
                .get("/api/conversations/{id}/messages", "web:any")
                .then().statusCode(400)
                .body("error", containsString("limit must be between 1 and"));
    }
}
