package io.acore.analytics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acore.events.ChatMessage;
import io.acore.events.ConversationId;
import io.acore.events.Delivery;
import io.acore.events.Event;
import io.acore.events.EventCodec;
import io.acore.events.MemoryEvent;
import io.acore.events.Platform;
import io.acore.events.Reply;
import io.acore.events.ServiceEvent.Severity;
import io.acore.events.ServiceEvent;
import io.acore.events.Stage;
import io.acore.events.Topics;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.PrometheusText;
import io.acore.testkit.TestEvents;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.postgres.PostgresResource;
import io.acore.testkit.kafka.KafkaTopics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ActivityCountingTest {
    @InjectTestResource
    KafkaTopics topics;

    private static Map<String, Integer> summary() {
        return given().header("X-API-Key", "test-key").get("/api/summary")
                .then().statusCode(200).extract().jsonPath().getMap("$");
    }

    private static ServiceEvent event(String type, Severity severity) {
        return new ServiceEvent(Event.SCHEMA_VERSION, EventCodec.newId(), EventCodec.newId(), "persona-service", type,
                severity, ConversationId.web("counting"), null, Map.of(), Map.of());
    }

    @Test
    void countsMessagesRepliesModelRequestsAndErrors() {
        Map<String, Integer> before = summary();
        ChatMessage message = TestEvents.webMessage("counting", "ada", "hi");
        topics.send(Topics.CHAT_INBOUND, message);
        topics.send(Topics.CHAT_OUTBOUND, TestEvents.partialReply(message, "sable", "Sable", "Hel"));
        topics.send(Topics.CHAT_OUTBOUND, TestEvents.finalReply(message, "sable", "Sable", "Hello."));
        topics.send(Topics.SERVICE_EVENTS, "k", EventCodec.encode(event(ServiceEvent.LLM_COMPLETED, Severity.INFO)));
        topics.send(Topics.SERVICE_EVENTS, "k", EventCodec.encode(event(ServiceEvent.LLM_FAILED, Severity.ERROR)));
        topics.send(Topics.SERVICE_EVENTS, "k", EventCodec.encode(event(ServiceEvent.MEMORY_FALLBACK, Severity.WARN)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, Integer> after = summary();
            assertThat(after.get("messages") - before.get("messages")).isEqualTo(1);
            assertThat(after.get("replies") - before.get("replies")).isEqualTo(1);
            assertThat(after.get("total_requests") - before.get("total_requests")).isEqualTo(2);
            assertThat(after.get("errors") - before.get("errors")).isEqualTo(1);
        });
        given().header("X-API-Key", "test-key").get("/api/summary/errors").then().statusCode(200)
                .body("find { it.type == 'llm.failed' }.source", org.hamcrest.Matchers.equalTo("persona-service"));
    }

    @Test
    void countsTokensPerPersonaAndModelActiveMembersAndMinutes() {
        Map<String, Integer> before = summary();
        ChatMessage first = TestEvents.webMessage("members", "cyd", "one");
        ChatMessage again = TestEvents.webMessage("members", "cyd", "two");
        ChatMessage other = TestEvents.webMessage("members", "dov", "three");
        List.of(first, again, other).forEach(message -> topics.send(Topics.CHAT_INBOUND, message));
        ServiceEvent completed = new ServiceEvent(Event.SCHEMA_VERSION, EventCodec.newId(), EventCodec.newId(),
                "persona-service", ServiceEvent.LLM_COMPLETED, Severity.INFO, ConversationId.web("members"), null,
                Map.of("persona", "wren", "model", "tiny-7b", "promptTokens", 120, "completionTokens", 30), Map.of());
        topics.send(Topics.SERVICE_EVENTS, "k", EventCodec.encode(completed));
        topics.send(Topics.SERVICE_EVENTS, "k", EventCodec.encode(completed));
        ServiceEvent refused = new ServiceEvent(Event.SCHEMA_VERSION, EventCodec.newId(), EventCodec.newId(),
                "gateway-service", ServiceEvent.RATE_LIMITED, Severity.INFO, ConversationId.web("members"), null,
                Map.of("author", "web:cyd"), Map.of());
        topics.send(Topics.SERVICE_EVENTS, "k", EventCodec.encode(refused));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, Integer> after = summary();
            assertThat(after.get("messages") - before.get("messages")).isEqualTo(3);
            assertThat(after.get("active_users_today") - before.get("active_users_today")).as("cyd and dov, once each")
                    .isEqualTo(2);
            assertThat(after.get("rate_limited") - before.get("rate_limited")).isEqualTo(1);
        });
        given().header("X-API-Key", "test-key").get("/api/summary/models").then().statusCode(200)
                .body("'wren/tiny-7b'.prompt_tokens", org.hamcrest.Matchers.equalTo(120))
                .body("'wren/tiny-7b'.completion_tokens", org.hamcrest.Matchers.equalTo(30));
        List<Integer> perMinute = given().header("X-API-Key", "test-key").get("/api/summary/series?minutes=5").then()
                .statusCode(200).extract().jsonPath().getList("amounts.messages", Integer.class);
        assertThat(perMinute.stream().filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).sum())
                .isGreaterThanOrEqualTo(3);
        given().header("X-API-Key", "test-key").get("/api/summary/series?minutes=0").then().statusCode(400);
    }

    @Test
    void aMessagesTimelineIsFoundByItsTraceItsMessageOrItsReplyAndItsErrorLinksToIt() {
        ChatMessage message = TestEvents.webMessage("timeline", "eve", "what time is it?");
        Instant received = message.stages().get(Stage.GATEWAY_RECEIVED.key());
        Reply answered = TestEvents.finalReply(message, "sable", "Sable", "Tea time.");
        Map<String, Instant> stages = new java.util.HashMap<>(message.stages());
        stages.put(Stage.PERSONA_RECEIVED.key(), received.plusMillis(20));
        stages.put(Stage.MEMORY_RECALLED.key(), received.plusMillis(60));
        stages.put(Stage.LLM_FIRST_TOKEN.key(), received.plusMillis(900));
        stages.put(Stage.PERSONA_PUBLISHED.key(), received.plusMillis(1200));
        Reply reply = new Reply(answered.v(), answered.id(), answered.traceId(), answered.conversationId(),
                answered.channelId(), answered.inReplyTo(), answered.persona(), answered.kind(), answered.content(),
                answered.sequence(), false, null, stages);
        Delivery failed = new Delivery(Event.SCHEMA_VERSION, Delivery.idFor(reply.id(), Platform.DISCORD),
                reply.traceId(), reply.conversationId(), reply.id(), "sable", Platform.DISCORD, List.of(),
                Delivery.Status.FAILED, "Missing Access", Stage.GATEWAY_DELIVERED.first(received.plusMillis(1300)));
        topics.send(Topics.CHAT_INBOUND, message);
        topics.send(Topics.CHAT_OUTBOUND, reply);
        topics.send(Topics.DELIVERY, reply.conversationId().toString(), EventCodec.encode(failed));

        for (String id : List.of(message.traceId(), message.id(), reply.id())) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("X-API-Key", "test-key")
                    .get("/api/summary/timeline/" + id).then().statusCode(200)
                    .body("name", org.hamcrest.Matchers.contains("gateway.received", "persona.received",
                            "memory.recalled", "llm.first-token", "persona.published", "gateway.failed"))
                    .body("detail[5]", org.hamcrest.Matchers.containsString("Missing Access")));
        }
        given().header("X-API-Key", "test-key").get("/api/summary/errors").then().statusCode(200)
                .body("find { it.detail == 'Missing Access' }.traceId", org.hamcrest.Matchers.equalTo(reply.traceId()));
        given().header("X-API-Key", "test-key").get("/api/summary/timeline/nothing-like-it").then().statusCode(404);
    }

    @Test
    void aRecordDeliveredTwiceIsCountedOnce() {
        Map<String, Integer> before = summary();
        ChatMessage message = TestEvents.webMessage("counting-twice", "bo", "hello again");
        Reply reply = TestEvents.finalReply(message, "quill", "Quill", "Hello again.");
        ServiceEvent failed = event(ServiceEvent.LLM_FAILED, Severity.ERROR);
        for (int time = 0; time < 2; time++) {
            topics.send(Topics.CHAT_INBOUND, message);
            topics.send(Topics.CHAT_OUTBOUND, reply);
            topics.send(Topics.SERVICE_EVENTS, "k", EventCodec.encode(failed));
        }

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, Integer> after = summary();
            assertThat(after.get("messages") - before.get("messages")).isEqualTo(1);
            assertThat(after.get("replies") - before.get("replies")).isEqualTo(1);
            assertThat(after.get("total_requests") - before.get("total_requests")).isEqualTo(1);
            assertThat(after.get("errors") - before.get("errors")).isEqualTo(1);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {Topics.CHAT_INBOUND, Topics.CHAT_OUTBOUND, Topics.DELIVERY, Topics.SERVICE_EVENTS})
    void aMalformedRecordIsDeadLetteredCountedAsAnErrorAndCountingGoesOn(String topic) {
        Map<String, Integer> before = summary();
        ChatMessage message = TestEvents.webMessage("after-poison", "bo", "still counted");
        topics.send(topic, "poison-" + topic, "this is not json");
        topics.send(Topics.CHAT_INBOUND, message);

        await().atMost(Duration.ofSeconds(20)).until(() -> topics.records(Topics.DEAD_LETTER).stream().anyMatch(r ->
                ("poison-" + topic).equals(r.key()) && !KafkaTopics.deadLetterReason(r).isEmpty()));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("X-API-Key", "test-key")
                .get("/api/summary/errors").then().statusCode(200)
                .body("find { it.source == '" + topic + "' }.detail", org.hamcrest.Matchers.containsString("not a valid")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, Integer> after = summary();
            assertThat(after.get("dead_letters") - before.get("dead_letters")).isEqualTo(1);
            assertThat(after.get("errors") - before.get("errors")).isEqualTo(1);
            assertThat(after.get("messages") - before.get("messages")).isEqualTo(1);
        });
    }

    @Test
    void countsWhatMemoryLearnsOnceEach() {
        MemoryEvent learned = new MemoryEvent(Event.SCHEMA_VERSION, MemoryEvent.idFor(MemoryEvent.FACT_LEARNED, "t1/home"),
                "t1", MemoryEvent.FACT_LEARNED, "discord:1", Map.of("kind", "fact"), Map.of());
        MemoryEvent summary = new MemoryEvent(Event.SCHEMA_VERSION, MemoryEvent.idFor(MemoryEvent.SUMMARY_MADE, "c#1"),
                "c", MemoryEvent.SUMMARY_MADE, "discord:1", Map.of("version", 1, "turns", 25), Map.of());
        for (MemoryEvent event : List.of(learned, learned, summary)) {
            topics.send(Topics.MEMORY_EVENTS, event.scope(), EventCodec.encode(event));
        }

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, Integer> after = summary();
            assertThat(after.get("memory_fact_learned")).isEqualTo(1);
            assertThat(after.get("memory_summary_made")).isEqualTo(1);
        });
    }

    @Test
    void measuresReplyLatencyFromTheStagesAndCountsRepliesPerPersona() {
        ChatMessage message = TestEvents.webMessage("timed", "ada", "hi");
        Instant received = Instant.now();
        Reply timed = TestEvents.finalReply(message, "juniper", "Juniper", "Hello!");
        Reply reply = new Reply(timed.v(), timed.id(), timed.traceId(), timed.conversationId(), timed.channelId(),
                timed.inReplyTo(), timed.persona(), timed.kind(), timed.content(), timed.sequence(), false, null,
                Stage.PERSONA_PUBLISHED.addTo(Stage.GATEWAY_RECEIVED.first(received), received.plusMillis(1500)));
        topics.send(Topics.CHAT_OUTBOUND, reply);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().header("X-API-Key", "test-key")
                .get("/api/summary/personas").then().statusCode(200).body("juniper", org.hamcrest.Matchers.greaterThanOrEqualTo(1)));
        Map<String, Integer> summary = summary();
        assertThat(summary.get("reply_latency_p50_ms")).isBetween(1300, 1700);
        assertThat(summary).containsKeys("reply_latency_p95_ms", "reply_latency_p99_ms");
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("acore_analytics_reply_latency_seconds"))
                .body(org.hamcrest.Matchers.containsString("acore_analytics_persona_replies_total{persona=\"juniper\"}"));
    }

    @Test
    void exportsTheCountsAsPrometheusMetrics() {
        String scrape = given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("acore_analytics_messages_total")).extract().asString();
        assertThat(PrometheusText.invalidHelpLines(scrape)).as("help texts Prometheus can read").isEmpty();
    }
}
