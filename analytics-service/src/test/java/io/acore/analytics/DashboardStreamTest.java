package io.acore.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acore.events.ChatMessage;
import io.acore.events.EventCodec;
import io.acore.events.Reply;
import io.acore.events.Stage;
import io.acore.events.Topics;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.TestEvents;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.kafka.KafkaTopics;
import io.acore.testkit.postgres.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The dashboard's pictures, pushed to a caller with the key as server-sent events. */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class DashboardStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectTestResource
    KafkaTopics topics;

    @TestHTTPResource("/api/summary/stream")
    URI stream;

    @Test
    void aPictureComesAtOnceAndLaterOnesShowWhatWasCountedMeanwhile() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(stream)
                    .header("X-API-Key", "test-key").header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofLines());
            try (Stream<String> lines = response.body()) {
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("text/event-stream"));
                Iterator<JsonNode> pictures = lines.filter(line -> line.startsWith("data:"))
                        .map(line -> read(line.substring(5))).iterator();
                JsonNode first = pictures.next();
                assertThat(first.path("services")).extracting(service -> service.path("service").asText())
                        .containsExactly("gateway", "persona", "memory", "analytics");
                assertThat(first.path("services")).allSatisfy(service ->
                        assertThat(service.path("millis").asLong(-1)).isNotNegative());
                long messagesBefore = first.path("totals").path("messages").asLong();

                ChatMessage message = TestEvents.webMessage("pushed", "ada", "hi");
                Instant received = Instant.now();
                Reply reply = TestEvents.finalReply(message, "sable", "Sable", "Hello.")
                        .withStage(Stage.GATEWAY_RECEIVED, received)
                        .withStage(Stage.GATEWAY_PUBLISHED, received.plusMillis(5))
                        .withStage(Stage.PERSONA_RECEIVED, received.plusMillis(20))
                        .withStage(Stage.MEMORY_RECALLED, received.plusMillis(60))
                        .withStage(Stage.LLM_FIRST_TOKEN, received.plusMillis(400))
                        .withStage(Stage.LLM_COMPLETED, received.plusMillis(900))
                        .withStage(Stage.PERSONA_PUBLISHED, received.plusMillis(910));
                topics.send(Topics.CHAT_INBOUND, message);
                topics.send(Topics.CHAT_OUTBOUND, message.conversationId().toString(),
                        EventCodec.encode(reply));

                JsonNode later = pictures.next();
                while (later.path("totals").path("messages").asLong() == messagesBefore
                        || !later.path("stages").has("memory")) {
                    later = pictures.next();
                }
                assertThat(later.path("totals").path("messages").asLong()).isEqualTo(messagesBefore + 1);
                assertThat(later.path("personas").path("sable").asLong()).isPositive();
                assertThat(later.path("stages").path("memory").path("p50").asLong()).isBetween(30L, 50L);
                assertThat(later.path("series")).isNotEmpty();
            }
        });
    }

    @Test
    void nothingIsPushedWithoutTheKey() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(stream)
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("totals");
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
