package io.acore.persona;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.acore.devstack.StubLlmServer;
import io.acore.events.ChatMessage;
import io.acore.events.Reply;
import io.acore.events.ReplyKind;
import io.acore.events.ServiceEvent;
import io.acore.events.Topics;
import io.acore.persona.client.ChatModelClient;
import io.acore.persona.client.FallbackChatModelClient;
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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A fallback model (another model on the same stub server) answers while the main model fails. */
@QuarkusTest
@TestProfile(FallbackModelTest.WithFallbackModel.class)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StubModelResource.class, scope = TestResourceScope.GLOBAL)
class FallbackModelTest {
    private static final String FALLBACK = "acore-stub-fallback";

    public static class WithFallbackModel implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("acore.llm.fallback.model", FALLBACK);
        }
    }

    @Inject
    CircuitBreakerMaintenance circuits;

    @InjectTestResource
    KafkaTopics topics;

    @InjectTestResource
    ModelScript model;

    @AfterEach
    void mainModelBack() {
        model.failModel("");
        circuits.reset(ChatModelClient.CIRCUIT);
        circuits.reset(FallbackChatModelClient.CIRCUIT);
    }

    @Test
    void whileTheMainModelFailsTheFallbackAnswersInTheCharactersVoiceAndSaysItSpoke() {
        model.failModel(StubLlmServer.MODEL);
        for (int i = 0; i < 4; i++) {
            ChatMessage message = TestEvents.webMessage("fallback-" + i, "gus", "Quill, any news? " + i);
            topics.send(Topics.CHAT_INBOUND, message);

            Reply reply = await().atMost(Duration.ofSeconds(30)).until(() -> topics.events(Topics.CHAT_OUTBOUND,
                    Reply.class).stream().filter(r -> r.inReplyTo().equals(message.id()) && r.isFinal()).findFirst(),
                    Optional::isPresent).orElseThrow();
            assertThat(reply.kind()).isEqualTo(ReplyKind.PERSONA);
            assertThat(reply.content()).contains("Quill, any news? " + i);
            ServiceEvent completed = await().atMost(Duration.ofSeconds(10)).until(() -> topics.events(
                    Topics.SERVICE_EVENTS, ServiceEvent.class).stream().filter(e -> e.type().equals(
                    ServiceEvent.LLM_COMPLETED) && message.conversationId().equals(e.conversationId())).findFirst(),
                    Optional::isPresent).orElseThrow();
            assertThat(completed.data()).containsEntry("model", FALLBACK);
        }

        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'dependencies' }.data.model", equalTo("failing: calls paused"))
                .body("checks.find { it.name == 'dependencies' }.data.fallback-model", equalTo("answering"));
    }
}
