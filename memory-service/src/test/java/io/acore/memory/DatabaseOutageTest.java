package io.acore.memory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;

import io.acore.devstack.quarkus.KafkaTestResource;
import io.acore.devstack.quarkus.TestEvents;
import io.acore.devstack.quarkus.TestProducer;
import io.acore.devstack.quarkus.TopicWatcher;
import io.acore.events.ChatMessage;
import io.acore.events.EventCodec;
import io.acore.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(DatabaseOutageTest.WithRestartableDatabase.class)
class DatabaseOutageTest {
    public static class WithRestartableDatabase implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaTestResource.class),
                    new TestResourceEntry(RestartablePostgresResource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    void aMessageArrivingWhileTheDatabaseIsDownIsStoredOnceItIsBack() throws Exception {
        ChatMessage before = TestEvents.webMessage("outage", "ada", "before the outage");
        ChatMessage during = TestEvents.webMessage("outage", "ada", "during the outage");
        String conversation = before.conversationId();
        try (TestProducer producer = new TestProducer(KafkaTestResource.bootstrapServers());
                TopicWatcher deadLetters = new TopicWatcher(KafkaTestResource.bootstrapServers(), Topics.DEAD_LETTER)) {
            producer.send(Topics.CHAT_INBOUND, conversation, EventCodec.encode(before));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                    .get("/api/conversations/{id}/messages", conversation).then().statusCode(200).body("$", hasSize(1)));

            RestartablePostgresResource.stopDatabase();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    given().get("/q/health/ready").then().statusCode(503));
            producer.send(Topics.CHAT_INBOUND, conversation, EventCodec.encode(during));
            given().get("/api/conversations/{id}/messages", conversation).then().statusCode(503)
                    .body("error", containsString("database cannot be reached"));

            RestartablePostgresResource.startDatabase();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                    .get("/api/conversations/{id}/messages", conversation).then().statusCode(200)
                    .body("content", org.hamcrest.Matchers.contains("before the outage", "during the outage")));
            given().get("/q/health/ready").then().statusCode(200);
            assertThat(deadLetters.records()).noneMatch(r -> r.value().contains(during.id()));
        }
    }
}
