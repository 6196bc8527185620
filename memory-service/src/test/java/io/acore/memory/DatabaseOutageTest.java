package io.acore.memory;

import static io.acore.memory.ServiceCalls.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;

import io.acore.events.ChatMessage;
import io.acore.events.Topics;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.TestEvents;
import io.acore.testkit.kafka.KafkaTopics;
import io.acore.testkit.postgres.Database;
import io.acore.testkit.postgres.RestartableDatabaseProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(RestartableDatabaseProfile.class)
class DatabaseOutageTest {
    @InjectTestResource
    KafkaTopics topics;

    @InjectTestResource
    Database database;

    @Test
    void aMessageArrivingWhileTheDatabaseIsDownIsStoredOnceItIsBack() {
        ChatMessage before = TestEvents.webMessage("outage", "ada", "before the outage");
        ChatMessage during = TestEvents.webMessage("outage", "ada", "during the outage");
        String conversation = before.conversationId().toString();
        topics.send(Topics.CHAT_INBOUND, before);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .get("/api/conversations/{id}/messages", conversation).then().statusCode(200).body("$", hasSize(1)));

        database.stop();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(503));
        topics.send(Topics.CHAT_INBOUND, during);
        given().get("/api/conversations/{id}/messages", conversation).then().statusCode(503)
                .body("error", containsString("database cannot be reached"));

        database.start();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .get("/api/conversations/{id}/messages", conversation).then().statusCode(200)
                .body("content", org.hamcrest.Matchers.contains("before the outage", "during the outage")));
        given().get("/q/health/ready").then().statusCode(200);
        assertThat(topics.records(Topics.DEAD_LETTER)).noneMatch(r -> r.value().contains(during.id()));
    }
}
