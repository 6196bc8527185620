package io.acore.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acore.bench.ReplyWatcher;
import io.acore.devstack.DevStack;
import io.acore.devstack.StackConfig;
import io.acore.devstack.StubLlmServer;
import io.acore.testkit.model.ModelScript;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * persona-service scaled from one replica to two while it is writing replies: the partitions that move to the new
 * replica move once the replies in progress for them are out, so no message is answered by both (one model call
 * and one final reply for each).
 */
@Timeout(300)
class PersonaRebalanceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int CONVERSATIONS = 16;
    /** Long enough that the second replica has joined while every reply is still being written. */
    private static final Duration MODEL_LATENCY = Duration.ofSeconds(15);

    @Test
    void aReplicaJoiningWhileRepliesAreWrittenTakesNoneOfThemOver() throws Exception {
        Path root = Path.of(System.getProperty("acore.root", "..")).toAbsolutePath().normalize();
        Path logs = Path.of(System.getProperty("acore.chaos.logs", "target/chaos-logs")).resolve("rebalance");
        ModelScript model = new ModelScript();
        try (StubLlmServer stub = StubLlmServer.start(0, MODEL_LATENCY, model);
                DevStack stack = DevStack.start(new StackConfig(root, StackConfig.freePorts(), 0, 0, null,
                        stub.baseUrl(), Duration.ZERO, Map.of(), logs), System.out);
                ReplyWatcher replies = new ReplyWatcher(stack)) {
            Map<String, String> textOfMessage = new LinkedHashMap<>();
            for (int i = 0; i < CONVERSATIONS; i++) {
                String text = "Rebalance question " + i + ", Sable?";
                textOfMessage.put(post(stack.serviceUrl(StackConfig.GATEWAY), "rebalance-" + i, "member-" + i, text),
                        text);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> replyRequests(model) == CONVERSATIONS);

            stack.startReplica(StackConfig.PERSONA, Map.of());

            await().atMost(Duration.ofSeconds(120)).until(() -> textOfMessage.keySet().stream()
                    .noneMatch(id -> replies.finals(id).isEmpty()));
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(replyRequests(model)).as("model calls for %d messages", CONVERSATIONS)
                        .isEqualTo(CONVERSATIONS);
                textOfMessage.forEach((id, text) -> assertThat(replies.finals(id)).as("final replies to %s", text)
                        .hasSize(1));
            });
        }
    }

    private static long replyRequests(ModelScript model) {
        return model.requests(StubLlmServer.RequestKind.REPLY).size();
    }

    private static String post(String gateway, String channel, String user, String content) throws Exception {
        String body = JSON.writeValueAsString(Map.of("channel", channel, "user", user, "content", content));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/chat/messages"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("id").asText();
    }
}
