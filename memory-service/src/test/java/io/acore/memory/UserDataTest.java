package io.acore.memory;

import static io.restassured.RestAssured.given;
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
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class UserDataTest {
    @InjectTestResource
    KafkaTopics topics;

    @Test
    void aUserCanExportAndThenEraseWhatTheyWroteEverywhere() {
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

        given().delete("/api/users/web:gil/messages").then().statusCode(200).body("deleted", equalTo(2));

        given().get("/api/users/web:gil/messages").then().statusCode(200).body("$", hasSize(0));
        given().get("/api/conversations/web:privacy-a/messages").then().statusCode(200)
                .body("content", contains("not gil's", "Noted, gil."));
    }
}
