package io.acore.testkit.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fake refuses what Discord refuses, with Discord's status, code and headers (plain HTTP, no client checks). */
@Timeout(20)
class FakeDiscordRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private FakeDiscord discord;

    @BeforeEach
    void start() throws Exception {
        discord = FakeDiscord.start();
    }

    @AfterEach
    void stop() throws Exception {
        discord.close();
    }

    @Test
    void aMessageOverTwoThousandCharactersOrWithNothingInItIsRefused() throws Exception {
        HttpResponse<String> tooLong = send("POST", "channels/" + FakeDiscord.CHANNEL_ID + "/messages",
                Map.of("content", "x".repeat(2_001)));
        HttpResponse<String> empty = send("POST", "channels/" + FakeDiscord.CHANNEL_ID + "/messages",
                Map.of("content", " "));
        HttpResponse<String> fits = send("POST", "channels/" + FakeDiscord.CHANNEL_ID + "/messages",
                Map.of("content", "x".repeat(2_000)));

        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(code(tooLong)).isEqualTo(50035);
        assertThat(JSON.readTree(tooLong.body()).at("/errors/content/_errors/0/code").asText())
                .isEqualTo("BASE_TYPE_MAX_LENGTH");
        assertThat(code(empty)).isEqualTo(50006);
        assertThat(fits.statusCode()).isEqualTo(200);
        assertThat(discord.postedMessages()).hasSize(1);
    }

    @Test
    void webhookNamesFollowDiscordsRulesAndAChannelHoldsFifteenWebhooks() throws Exception {
        String webhooks = "channels/" + FakeDiscord.CHANNEL_ID + "/webhooks";
        assertThat(code(send("POST", webhooks, Map.of("name", "Discord helper")))).isEqualTo(50035);
        assertThat(code(send("POST", webhooks, Map.of("name", "n".repeat(81))))).isEqualTo(50035);
        discord.addForeignWebhooks(FakeDiscord.CHANNEL_ID, 14);
        assertThat(send("POST", webhooks, Map.of("name", "acore")).statusCode()).isEqualTo(200);

        HttpResponse<String> sixteenth = send("POST", webhooks, Map.of("name", "acore"));

        assertThat(sixteenth.statusCode()).isEqualTo(400);
        assertThat(code(sixteenth)).isEqualTo(30007);
        JsonNode hook = ours();
        assertThat(code(send("POST", execute(hook), Map.of("content", "hi", "username", "clyde")))).isEqualTo(50035);
        assertThat(send("POST", execute(hook), Map.of("content", "hi", "username", "Sable")).statusCode()).isEqualTo(200);
    }

    @Test
    void aDeletedWebhookIsUnknownFromThenOn() throws Exception {
        send("POST", "channels/" + FakeDiscord.CHANNEL_ID + "/webhooks", Map.of("name", "acore"));
        JsonNode hook = ours();
        assertThat(send("POST", execute(hook), Map.of("content", "before")).statusCode()).isEqualTo(200);

        discord.deleteWebhooksIn(FakeDiscord.CHANNEL_ID);

        HttpResponse<String> after = send("POST", execute(hook), Map.of("content", "after"));
        assertThat(after.statusCode()).isEqualTo(404);
        assertThat(code(after)).isEqualTo(10015);
    }

    @Test
    void aWebhookEditsItsOwnMessagesWithinTheSameLimits() throws Exception {
        send("POST", "channels/" + FakeDiscord.CHANNEL_ID + "/webhooks", Map.of("name", "acore"));
        JsonNode hook = ours();
        String id = JSON.readTree(send("POST", execute(hook) + "?wait=true", Map.of("content", "Once upon")).body())
                .path("id").asText();

        HttpResponse<String> edited = send("PATCH", execute(hook) + "/messages/" + id,
                Map.of("content", "Once upon a time"));
        HttpResponse<String> tooLong = send("PATCH", execute(hook) + "/messages/" + id,
                Map.of("content", "y".repeat(2_001)));
        HttpResponse<String> notItsOwn = send("PATCH", execute(hook) + "/messages/" + discord.userWrites("5", "ada", "hi"),
                Map.of("content", "mine now"));

        assertThat(edited.statusCode()).isEqualTo(200);
        assertThat(code(tooLong)).isEqualTo(50035);
        assertThat(code(notItsOwn)).isEqualTo(10008);
        assertThat(discord.edits()).extracting(FakeDiscord.Edit::content).containsExactly("Once upon a time");
        assertThat(discord.postedMessages().get(0).currentContent()).isEqualTo("Once upon a time");
    }

    @Test
    void aWebhookAnswers429WithRetryAfterOnceItsBucketIsEmpty() throws Exception {
        send("POST", "channels/" + FakeDiscord.CHANNEL_ID + "/webhooks", Map.of("name", "acore"));
        JsonNode hook = ours();
        HttpResponse<String> last = null;
        for (int i = 0; i < WebhookBuckets.LIMIT; i++) {
            last = send("POST", execute(hook), Map.of("content", "message " + i));
            assertThat(last.statusCode()).isEqualTo(200);
        }
        assertThat(last.headers().firstValue("X-RateLimit-Remaining")).contains("0");
        assertThat(last.headers().firstValue("X-RateLimit-Bucket")).isPresent();

        HttpResponse<String> limited = send("POST", execute(hook), Map.of("content", "one too many"));

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(limited.body()).path("retry_after").asDouble()).isPositive();
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(discord.postedMessages()).hasSize(WebhookBuckets.LIMIT);
        assertThat(discord.rateLimitedRequests()).isEqualTo(1);
    }

    @Test
    void aWebhookPostsInAThreadOfItsChannelOnlyWithTheThreadsId() throws Exception {
        send("POST", "channels/" + FakeDiscord.CHANNEL_ID + "/webhooks", Map.of("name", "acore"));
        JsonNode hook = ours();

        HttpResponse<String> inThread = send("POST", execute(hook) + "?wait=true&thread_id=" + FakeDiscord.THREAD_ID,
                Map.of("content", "in the thread"));
        HttpResponse<String> elsewhere = send("POST", execute(hook) + "?thread_id=" + FakeDiscord.SECOND_CHANNEL_ID,
                Map.of("content", "nowhere"));
        HttpResponse<String> webhookOnThread = send("POST", "channels/" + FakeDiscord.THREAD_ID + "/webhooks",
                Map.of("name", "acore"));
        String id = JSON.readTree(inThread.body()).path("id").asText();
        HttpResponse<String> editWithoutThread = send("PATCH", execute(hook) + "/messages/" + id,
                Map.of("content", "edited"));
        HttpResponse<String> editInThread = send("PATCH", execute(hook) + "/messages/" + id + "?thread_id="
                + FakeDiscord.THREAD_ID, Map.of("content", "edited"));

        assertThat(JSON.readTree(inThread.body()).path("channel_id").asText()).isEqualTo(FakeDiscord.THREAD_ID);
        assertThat(code(elsewhere)).isEqualTo(10003);
        assertThat(code(webhookOnThread)).isEqualTo(50024);
        assertThat(code(editWithoutThread)).isEqualTo(10008);
        assertThat(editInThread.statusCode()).isEqualTo(200);
        assertThat(discord.postedMessages()).singleElement().satisfies(message -> {
            assertThat(message.channelId()).isEqualTo(FakeDiscord.THREAD_ID);
            assertThat(message.currentContent()).isEqualTo("edited");
        });
    }

    @Test
    void aHeldWebhookPostIsInTheChannelUnansweredAndAHeldEditIsAppliedOnlyOnceReleased() throws Exception {
        send("POST", "channels/" + FakeDiscord.CHANNEL_ID + "/webhooks", Map.of("name", "acore"));
        JsonNode hook = ours();
        WebhookHold postHold = discord.holdNextWebhookPostIn(FakeDiscord.CHANNEL_ID);
        WebhookHold editHold = discord.holdNextWebhookEditIn(FakeDiscord.CHANNEL_ID);

        CompletableFuture<HttpResponse<String>> post = sendAsync("POST", execute(hook) + "?wait=true",
                Map.of("content", "Once upon"));
        String id = postHold.awaitHeld(Duration.ofSeconds(5));
        assertThat(discord.postedMessages()).singleElement().extracting(FakeDiscord.PostedMessage::messageId)
                .isEqualTo(id);
        assertThat(post).isNotDone();
        postHold.release();
        assertThat(JSON.readTree(post.get().body()).path("id").asText()).isEqualTo(id);

        CompletableFuture<HttpResponse<String>> edit = sendAsync("PATCH", execute(hook) + "/messages/" + id,
                Map.of("content", "Once upon a time"));
        assertThat(editHold.awaitHeld(Duration.ofSeconds(5))).isEqualTo(id);
        assertThat(discord.postedMessages().get(0).currentContent()).isEqualTo("Once upon");
        editHold.release();
        assertThat(edit.get().statusCode()).isEqualTo(200);
        assertThat(discord.postedMessages().get(0).currentContent()).isEqualTo("Once upon a time");
        assertThat(send("PATCH", execute(hook) + "/messages/" + id, Map.of("content", "The end")).statusCode())
                .as("only the next edit is held").isEqualTo(200);
    }

    private JsonNode ours() {
        return discord.webhooks().stream().filter(w -> w.path("name").asText().equals("acore")).findFirst()
                .orElseThrow();
    }

    private static String execute(JsonNode hook) {
        return "webhooks/" + hook.path("id").asText() + "/" + hook.path("token").asText();
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> body) throws Exception {
        return HTTP.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(String method, String path, Map<String, String> body)
            throws Exception {
        return HTTP.sendAsync(request(method, path, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String method, String path, Map<String, String> body) throws Exception {
        return HttpRequest.newBuilder(URI.create(discord.restUrl() + path))
                .header("Content-Type", "application/json").header("Authorization", "Bot " + FakeDiscord.TOKEN)
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
    }

    private static int code(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("code").asInt();
    }
}
