package io.acore.persona;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.acore.testkit.kafka.KafkaTopics;
import io.acore.testkit.model.ModelScript;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.TestEvents;
import io.acore.testkit.model.StubModelResource;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.events.Topics;
import io.acore.persona.client.ChatModelClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StubModelResource.class, scope = TestResourceScope.GLOBAL)
class ModelOutageReadinessTest {
    @Inject
    CircuitBreakerMaintenance circuits;

    @InjectTestResource
    KafkaTopics topics;

    @InjectTestResource
    ModelScript model;

    @AfterEach
    void closeTheCircuitForOtherTests() {
        circuits.reset(ChatModelClient.CIRCUIT);
    }

    @Test
    void readinessGoesDownWhileTheModelKeepsFailingAndSaysWhy() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'dependencies' }.data.model", equalTo("answering"));

        model.failNext(6);
        for (String channel : new String[] {"outage-1", "outage-2"}) {
            topics.send(Topics.CHAT_INBOUND, TestEvents.webMessage(channel, "ada", "Sable?"));
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'dependencies' }.data.model", equalTo("failing: calls paused")));
    }
}
