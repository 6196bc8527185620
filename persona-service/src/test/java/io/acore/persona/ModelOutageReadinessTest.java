package io.acore.persona;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.acore.events.ChatMessage;
import io.acore.events.Reply;
import io.acore.events.ReplyKind;
import io.acore.events.Topics;
import io.acore.persona.client.ChatModelClient;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.TestEvents;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.postgres.PostgresResource;
import io.acore.testkit.kafka.KafkaTopics;
import io.acore.testkit.model.ModelScript;
import io.acore.testkit.model.StubModelResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
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
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200).body("checks.find { it.name == 'dependencies' }.data.model", equalTo("answering")));

        model.failNext(6);
        for (String channel : new String[] {"outage-1", "outage-2"}) {
            topics.send(Topics.CHAT_INBOUND, TestEvents.webMessage(channel, "ada", "Sable?"));
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'dependencies' }.data.model", equalTo("failing: calls paused")));
    }

    @Test
    void messagesThatFindTheModelDownAreToldOnceAndTheRestAnsweredWhenItIsBack() {
        model.failNext(1000);
        ChatMessage first = TestEvents.webMessage("outage-wait", "bo", "Sable, first?");
        ChatMessage elsewhere = TestEvents.webMessage("outage-elsewhere", "cy", "Sable, anyone?");
        ChatMessage second = TestEvents.webMessage("outage-wait", "bo", "Sable, second?");
        topics.send(Topics.CHAT_INBOUND, first);
        topics.send(Topics.CHAT_INBOUND, elsewhere);
        topics.send(Topics.CHAT_INBOUND, second);

        assertThat(finalReplyTo(first).kind()).isEqualTo(ReplyKind.NOTICE);
        assertThat(finalReplyTo(elsewhere).kind()).isEqualTo(ReplyKind.NOTICE);
        model.failNext(0);
        Reply afterwards = finalReplyTo(second);
        assertThat(afterwards.kind()).as("answered once the model is back, not dropped").isEqualTo(ReplyKind.PERSONA);
        assertThat(afterwards.content()).contains("Sable, second?");
    }

    private Reply finalReplyTo(ChatMessage message) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> topics.events(Topics.CHAT_OUTBOUND, Reply.class)
                .stream().filter(r -> r.inReplyTo().equals(message.id()) && r.isFinal()).findFirst(),
                Optional::isPresent).orElseThrow();
    }
}
