package io.acore.persona;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.acore.devstack.quarkus.KafkaTestResource;
import io.acore.devstack.quarkus.StubLlmTestResource;
import io.acore.devstack.quarkus.TestEvents;
import io.acore.devstack.quarkus.TestProducer;
import io.acore.events.ChatMessage;
import io.acore.events.EventCodec;
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
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StubLlmTestResource.class, scope = TestResourceScope.GLOBAL)
class ModelOutageReadinessTest {
    @Inject
    CircuitBreakerMaintenance circuits;

    @AfterEach
    void closeTheCircuitForOtherTests() {
        circuits.reset(ChatModelClient.CIRCUIT);
    }

    @Test
    void readinessGoesDownWhileTheModelKeepsFailingAndSaysWhy() throws Exception {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'dependencies' }.data.model", equalTo("answering"));

        StubLlmTestResource.stub().failNext(6);
        try (TestProducer producer = new TestProducer(KafkaTestResource.bootstrapServers())) {
            for (String channel : new String[] {"outage-1", "outage-2"}) {
                ChatMessage message = TestEvents.webMessage(channel, "ada", "Sable?");
                producer.send(Topics.CHAT_INBOUND, message.conversationId(), EventCodec.encode(message));
            }
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'dependencies' }.data.model", equalTo("failing: calls paused")));
    }
}
