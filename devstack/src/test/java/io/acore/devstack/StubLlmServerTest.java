package io.acore.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StubLlmServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String answer(StubLlmServer stub, String system, String user) throws Exception {
        ObjectNode request = JSON.createObjectNode().put("model", StubLlmServer.MODEL).put("stream", false);
        request.putArray("messages").add(JSON.createObjectNode().put("role", "system").put("content", system))
                .add(JSON.createObjectNode().put("role", "user").put("content", user));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stub.baseUrl()
                + "/chat/completions")).POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("choices").path(0).path("message").path("content").asText();
    }

    @Test
    void aScriptedReplyAnswersTheMessagesItKnowsAndOnlyReplies() throws Exception {
        try (StubLlmServer stub = StubLlmServer.start(0, Duration.ZERO)) {
            stub.replyWith(message -> message.endsWith("Where did Nadia swim?") ? "In the lake." : null);

            assertThat(answer(stub, "You are Sable.", "Ash: Where did Nadia swim?"))
                    .isEqualTo(StubLlmServer.MARK + " In the lake.");
            assertThat(answer(stub, "You are Sable.", "Ash: And Owen?"))
                    .startsWith(StubLlmServer.MARK + " I heard: \"Ash: And Owen?\"");
            JsonNode fold = JSON.readTree(answer(stub, StubLlmServer.SUMMARISE,
                    "Summary so far: (none yet)\n\nTurns:\nOn 2026-03-02:\n\"Ash\": \"Where did Nadia swim?\""));
            assertThat(fold.path("summary").asText()).as("a summary, not a reply")
                    .startsWith(StubLlmServer.MARK + " Summary. Ash: Where did Nadia swim?");
            assertThat(fold.path("episode").asText()).as("and the episode, with its days")
                    .isEqualTo(StubLlmServer.MARK + " Episode. From 2026-03-02 to 2026-03-02: Ash: Where did Nadia "
                            + "swim?.");
        }
    }
}
