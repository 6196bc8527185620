package io.acore.memory;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.acore.devstack.quarkus.KafkaTestResource;
import io.acore.devstack.quarkus.PostgresTestResource;
import io.acore.devstack.quarkus.TestEvents;
import io.acore.devstack.quarkus.TestProducer;
import io.acore.events.ChatMessage;
import io.acore.events.EventCodec;
import io.acore.events.Topics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class UserDataTest {

    @Test
    void aUserCanExportAndThenEraseWhatTheyWroteEverywhere() throws Exception {
        ChatMessage first = TestEvents.webMessage("privacy-a", "gil", "my secret one");
        ChatMessage second = TestEvents.webMessage("privacy-b", "gil", "my secret two");
        ChatMessage other = TestEvents.webMessage("privacy-a", "hal", "not gil's");
        try (TestProducer producer = new TestProducer(KafkaTestResource.bootstrapServers())) {
            for (ChatMessage m : new ChatMessage[] {first, second, other}) {
                producer.send(Topics.CHAT_INBOUND, m.conversationId(), EventCodec.encode(m));
            }
            producer.send(Topics.CHAT_OUTBOUND, first.conversationId(),
                    EventCodec.encode(TestEvents.finalReply(first, "sable", "Sable", "Noted, gil.")));
        }

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
