package io.acore.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

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

/** While PostgreSQL is down analytics waits: what passes meanwhile is counted once it is back, never dead-lettered. */
@QuarkusTest
@TestProfile(RestartableDatabaseProfile.class)
class DatabaseOutageTest {
    @InjectTestResource
    KafkaTopics topics;

    @InjectTestResource
    Database database;

    @Test
    void whatPassesWhileTheDatabaseIsDownIsCountedOnceItIsBack() {
        ChatMessage before = TestEvents.webMessage("outage", "ada", "before the outage");
        ChatMessage during = TestEvents.webMessage("outage", "ada", "during the outage");
        topics.send(Topics.CHAT_INBOUND, before);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> summary().body("messages", equalTo(1)));

        database.stop();
        try {
            topics.send(Topics.CHAT_INBOUND, during);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> summary()
                    .statusCode(503).body("error", containsString("database cannot be reached")));
        } finally {
            database.start();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> summary().statusCode(200)
                .body("messages", equalTo(2)).body("active_users_today", equalTo(1)));
        assertThat(topics.records(Topics.DEAD_LETTER)).noneMatch(r -> r.value().contains(during.id()));
    }

    private static io.restassured.response.ValidatableResponse summary() {
        return given().header("X-API-Key", "test-key").get("/api/summary").then();
    }
}
