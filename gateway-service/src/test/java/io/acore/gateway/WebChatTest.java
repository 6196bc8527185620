package io.acore.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.acore.events.ChatMessage;
import io.acore.events.Delivery;
import io.acore.events.EventCodec;
import io.acore.events.Platform;
import io.acore.events.Reply;
import io.acore.events.ServiceEvent;
import io.acore.events.Topics;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.PrometheusText;
import io.acore.testkit.TestEvents;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.kafka.KafkaTopics;
import io.acore.testkit.postgres.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class WebChatTest {
    @InjectTestResource
    KafkaTopics topics;

    @TestHTTPResource("/")
    URI base;

    @Inject
    DataSource database;

    @Test
    void aPostedMessageIsPublishedCleanedAndKeyedByConversation() {
        String id = given().contentType("application/json")
                .body(Map.of("channel", "lobby", "user", "a\u0000da", "content", "  hello\u0007   Sable \u200B "))
                .post("/api/chat/messages")
                .then().statusCode(202).body("id", notNullValue()).extract().path("id");

        ChatMessage published = await().atMost(Duration.ofSeconds(10)).until(() -> topics.records(Topics.CHAT_INBOUND).stream()
                .filter(r -> r.value().contains(id)).findFirst(), Optional::isPresent)
                .map(r -> {
                    assertThat(r.key()).isEqualTo("web:lobby");
                    return EventCodec.decode(r.value(), ChatMessage.class);
                }).orElseThrow();
        assertThat(published.content()).isEqualTo("hello Sable");
        assertThat(published.author().name()).isEqualTo("ada");
        assertThat(published.author().id()).isEqualTo("web:ada");
        assertThat(published.source()).isEqualTo(Platform.WEB);
        assertThat(published.stages()).containsKeys("gateway.received", "gateway.published");
    }

    @Test
    void aPostSentAgainWithItsIdempotencyKeyIsTheSameMessage() {
        Map<String, String> body = Map.of("channel", "retries", "user", "ida", "content", "are you there?");
        String first = given().contentType("application/json").header("Idempotency-Key", "k-7f3a").body(body)
                .post("/api/chat/messages").then().statusCode(202).extract().path("id");
        String again = given().contentType("application/json").header("Idempotency-Key", "k-7f3a").body(body)
                .post("/api/chat/messages").then().statusCode(202).extract().path("id");
        String otherKey = given().contentType("application/json").header("Idempotency-Key", "k-9b21").body(body)
                .post("/api/chat/messages").then().statusCode(202).extract().path("id");
        String otherUser = given().contentType("application/json").header("Idempotency-Key", "k-7f3a")
                .body(Map.of("channel", "retries", "user", "jan", "content", "are you there?"))
                .post("/api/chat/messages").then().statusCode(202).extract().path("id");
        String noKey = given().contentType("application/json").body(body)
                .post("/api/chat/messages").then().statusCode(202).extract().path("id");

        assertThat(again).isEqualTo(first);
        assertThat(List.of(otherKey, otherUser, noKey)).doesNotContain(first).doesNotHaveDuplicates();
        given().contentType("application/json").header("Idempotency-Key", "two words").body(body)
                .post("/api/chat/messages").then().statusCode(400).body("error", containsString("Idempotency-Key"));
    }

    @Test
    void refusesBadInputWithAReason() {
        given().contentType("application/json").body(Map.of("channel", "lobby", "user", "ada", "content", "x".repeat(4001)))
                .post("/api/chat/messages").then().statusCode(413).body("error", containsString("the limit is 4000"));
        given().contentType("application/json").body(Map.of("channel", "lobby", "user", "ada", "content", " \u0000 "))
                .post("/api/chat/messages").then().statusCode(400).body("error", equalTo("The message is empty."));
        given().contentType("application/json").body(Map.of("channel", "no spaces!", "user", "ada", "content", "hi"))
                .post("/api/chat/messages").then().statusCode(400).body("error", containsString("'channel'"));
        given().contentType("application/json").body(Map.of("channel", "lobby", "content", "hi"))
                .post("/api/chat/messages").then().statusCode(400).body("error", containsString("'user'"));
        given().contentType("application/json").body("{\"channel\": ")
                .post("/api/chat/messages").then().statusCode(400).body("error", containsString("not valid JSON"));
    }

    @Test
    void takesOnlyWellFormedTextAndCountsCharactersNotCodeUnits() {
        String post = "/api/chat/messages";
        given().contentType("application/json").body("{\"channel\":\"lobby\",\"user\":\"eve\",\"content\":\"hi\"} {}")
                .post(post).then().statusCode(400).body("error", containsString("Trailing token"));
        given().contentType("application/json").body("{\"channel\":\"lobby\",\"user\":\"eve\",\"content\":5}")
                .post(post).then().statusCode(400).body("error", containsString("with text values"));
        given().contentType("application/json").body("{\"channel\":\"lobby\",\"user\":true,\"content\":\"hi\"}")
                .post(post).then().statusCode(400).body("error", containsString("with text values"));
        given().contentType("application/json").body("{\"channel\":\"lobby\",\"user\":\"eve\",\"content\":\"a\\ud800b\"}")
                .post(post).then().statusCode(400).body("error", containsString("not valid text"));
        given().contentType("application/json").body("{\"channel\":\"lobby\",\"user\":\"\\udc00\",\"content\":\"hi\"}")
                .post(post).then().statusCode(400).body("error", containsString("'user'"));
        for (String channel : new String[] {".", "..", "...", "-"}) {
            given().contentType("application/json").body(Map.of("channel", channel, "user", "eve", "content", "hi"))
                    .post(post).then().statusCode(400).body("error", containsString("'channel'"));
        }
        String emoji = "\uD83C\uDF3F";
        given().contentType("application/json").body(Map.of("channel", "lobby", "user", "fern", "content",
                emoji.repeat(4000))).post(post).then().statusCode(202);
        given().contentType("application/json").body(Map.of("channel", "lobby", "user", "fern", "content",
                emoji.repeat(4001))).post(post).then().statusCode(413)
                .body("error", containsString("4001 characters long; the limit is 4000"));
    }

    @Test
    void aUserSendingTooFastIsRefusedWithTooManyRequests() {
        Map<String, String> body = Map.of("channel", "lobby", "user", "flood", "content", "again");
        for (int i = 0; i < 10; i++) {
            given().contentType("application/json").body(body).post("/api/chat/messages").then().statusCode(202);
        }
        given().contentType("application/json").body(body).post("/api/chat/messages").then().statusCode(429)
                .body("error", containsString("faster than 10 a minute"));
        given().contentType("application/json").body(Map.of("channel", "lobby", "user", "calm", "content", "hi"))
                .post("/api/chat/messages").then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> topics.events(Topics.SERVICE_EVENTS, ServiceEvent.class)
                .stream().anyMatch(event -> event.type().equals(ServiceEvent.RATE_LIMITED)
                        && "web:flood".equals(event.data().get("author"))));
    }

    @Test
    void messagesTakenInByAnotherReplicaCountTowardsTheSameLimit() throws Exception {
        try (Connection connection = database.getConnection();
                PreparedStatement elsewhere = connection.prepareStatement(
                        "SELECT gateway.take_message_token('web:roamer', 10)")) {
            for (int i = 0; i < 9; i++) {
                elsewhere.executeQuery().close();
            }
        }
        Map<String, String> body = Map.of("channel", "lobby", "user", "roamer", "content", "one more");

        given().contentType("application/json").body(body).post("/api/chat/messages").then().statusCode(202);
        given().contentType("application/json").body(body).post("/api/chat/messages").then().statusCode(429);
    }

    @Test
    void thePersonaListSaysWhenPersonaServiceIsDown() {
        given().get("/api/chat/personas").then().statusCode(503).body("error", containsString("persona-service"));
    }

    @Test
    void aWebKeyMakesTheUserWhoPostsAndMustBeLongEnoughToBeUnguessable() {
        String key = "a-browser-key-0123456789abcdefghijklmnop";
        given().contentType("application/json")
                .body(Map.of("channel", "keyed", "user", "ada", "content", "hello", "key", key))
                .post("/api/chat/messages").then().statusCode(202);
        ChatMessage published = await().atMost(Duration.ofSeconds(10)).until(() -> topics.records(Topics.CHAT_INBOUND)
                .stream().map(r -> EventCodec.decode(r.value(), ChatMessage.class))
                .filter(m -> m.conversationId().toString().equals("web:keyed")).findFirst(), Optional::isPresent).get();
        assertThat(published.author().id()).startsWith("web:k").doesNotContain(key).isNotEqualTo("web:ada");
        assertThat(published.author().name()).isEqualTo("ada");

        given().contentType("application/json")
                .body(Map.of("channel", "keyed", "user", "ada", "content", "hello", "key", "short"))
                .post("/api/chat/messages").then().statusCode(400).body("error", containsString("web key"));
        given().contentType("application/json")
                .body(Map.of("channel", "keyed", "user", published.author().id().substring("web:".length()),
                        "content", "I am ada now"))
                .post("/api/chat/messages").then().statusCode(400).body("error", containsString("reserved"));
    }

    @Test
    void theMemoryControlsNeedTheWebKeyAndSayWhenMemoryIsDown() {
        given().get("/api/chat/memory").then().statusCode(401).body("error", containsString("X-Acore-Web-Key"));
        given().delete("/api/chat/memory").then().statusCode(401);
        given().header("X-Acore-Web-Key", "too-short").get("/api/chat/memory").then().statusCode(400);
        given().header("X-Acore-Web-Key", "a-browser-key-0123456789abcdefghijklmnop").get("/api/chat/memory/export")
                .then().statusCode(503).body("error", containsString("memory-service"));
    }

    @Test
    void historyNeedsMemoryAndSaysSoWhenItIsDown() {
        given().get("/api/chat/messages?channel=lobby").then().statusCode(503)
                .body("error", containsString("memory-service"));
    }

    @Test
    void repliesStreamLiveToTheChannelAndFinalOnesAreRecordedAsDelivered() {
        List<String> events = new CopyOnWriteArrayList<>();
        HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(base.resolve("/api/chat/stream?channel=live")).build(),
                HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> response.body().forEach(events::add));
        ChatMessage message = TestEvents.webMessage("live", "bo", "hi");
        Reply partial = TestEvents.partialReply(message, "marlow", "Marlow", "Sit");
        Reply reply = TestEvents.finalReply(message, "marlow", "Marlow", "Sit, sit!");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            topics.send(Topics.CHAT_OUTBOUND, partial);
            assertThat(events).anyMatch(e -> e.contains("\"partial\":true"));
        });
        topics.send(Topics.CHAT_OUTBOUND, reply);

        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream()
                .anyMatch(e -> e.contains("Sit, sit!") && e.contains("\"personaId\":\"marlow\"") && e.contains("\"partial\":false")));
        Delivery delivery = await().atMost(Duration.ofSeconds(10)).until(() -> topics.events(Topics.DELIVERY, Delivery.class)
                .stream().filter(d -> d.replyId().equals(reply.id())).findFirst(), Optional::isPresent).orElseThrow();
        assertThat(delivery.status()).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(delivery.target()).isEqualTo(Platform.WEB);
    }

    @Test
    void aStreamThatBrokeResumesFromItsLastEventIdWithNothingMissedAndOneItCannotResumeSaysResync() {
        LiveStream watching = open("resume", null);
        LiveStream first = open("resume", null);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            topics.send(Topics.CHAT_INBOUND, TestEvents.webMessage("resume", "hal", "before the break"));
            assertThat(first.events()).anyMatch(e -> e.contains("before the break"));
        });
        assertThat(first.events().get(0)).as("a first connect reads the stored lines").matches(RESYNC);
        topics.send(Topics.CHAT_INBOUND, TestEvents.webMessage("resume", "hal", "the last line before the break"));
        await().atMost(Duration.ofSeconds(10)).until(() -> first.events().stream()
                .anyMatch(e -> e.contains("the last line before the break")));
        String lastEventId = first.events().stream().filter(e -> e.startsWith("id:")).reduce((a, b) -> b)
                .orElseThrow().substring(3).strip();
        first.close();

        topics.send(Topics.CHAT_INBOUND, TestEvents.webMessage("resume", "hal", "said during the break"));
        await().atMost(Duration.ofSeconds(10)).until(() -> watching.events().stream()
                .anyMatch(e -> e.contains("said during the break")));
        LiveStream resumed = open("resume", lastEventId);
        LiveStream foreign = open("resume", "another-process-7");

        await().atMost(Duration.ofSeconds(10)).until(() -> resumed.events().stream()
                .anyMatch(e -> e.contains("said during the break")));
        assertThat(resumed.events()).noneMatch(e -> e.matches(RESYNC))
                .noneMatch(e -> e.contains("before the break"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !foreign.events().isEmpty());
        assertThat(foreign.events().get(0)).matches(RESYNC);
        Stream.of(watching, resumed, foreign).forEach(LiveStream::close);
    }

    private static final String RESYNC = "event: ?resync";

    /** A browser's live stream: the lines of its events as they came (blank separators left out). */
    private record LiveStream(List<String> events, AtomicReference<Stream<String>> body) {
        void close() {
            Optional.ofNullable(body.get()).ifPresent(Stream::close);
        }
    }

    /** The stream of {@code channel}'s lines as a browser reads it, reconnecting with {@code lastEventId} if set. */
    private LiveStream open(String channel, String lastEventId) {
        LiveStream stream = new LiveStream(new CopyOnWriteArrayList<>(), new AtomicReference<>());
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/chat/stream?channel=" + channel));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> {
                    stream.body().set(response.body());
                    response.body().filter(line -> !line.isBlank()).forEach(stream.events()::add);
                });
        return stream;
    }

    @Test
    void everyLineOfAConversationGoesLiveWhicheverReplicaTookIt() {
        List<String> events = new CopyOnWriteArrayList<>();
        HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(base.resolve("/api/chat/stream?channel=shared")).build(),
                HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> response.body().forEach(events::add));
        ChatMessage elsewhere = TestEvents.webMessage("shared", "hal", "posted through another replica");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            topics.send(Topics.CHAT_INBOUND, TestEvents.webMessage("shared", "hal", "is anyone listening?"));
            assertThat(events).anyMatch(e -> e.contains("is anyone listening?"));
        });
        given().contentType("application/json").body(Map.of("channel", "shared", "user", "ida", "content",
                "posted here")).post("/api/chat/messages").then().statusCode(202);
        topics.send(Topics.CHAT_INBOUND, elsewhere);

        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream()
                .anyMatch(e -> e.contains("posted here") && e.contains("\"role\":\"user\"")));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream()
                .anyMatch(e -> e.contains("posted through another replica") && e.contains("\"role\":\"user\"")));
    }

    @Test
    void aMalformedReplyIsDeadLetteredAndTheNextIsDelivered() {
        ChatMessage message = TestEvents.webMessage("dlq", "cy", "hi");
        Reply good = TestEvents.finalReply(message, "sable", "Sable", "Evening.");
        topics.send(Topics.CHAT_OUTBOUND, "gateway-poison", "{\"v\":99}");
        topics.send(Topics.CHAT_OUTBOUND, good);

        await().atMost(Duration.ofSeconds(20)).until(() -> topics.records(Topics.DEAD_LETTER).stream()
                .anyMatch(r -> "gateway-poison".equals(r.key())
                        && KafkaTopics.deadLetterReason(r).contains("unsupported schema version v=99")));
        await().atMost(Duration.ofSeconds(20)).until(() -> topics.records(Topics.DELIVERY).stream()
                .anyMatch(r -> r.value().contains(good.id())));
    }

    @Test
    void isReadyWithDiscordOffAndSaysSo() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'discord' }.data.discord", containsString("disabled")));
        given().get("/").then().statusCode(200).body(containsString("acore chat"));
    }

    @Test
    void itsMetricsScrapeIsOnePrometheusAccepts() {
        assertThat(PrometheusText.invalidHelpLines(given().get("/q/metrics").then().statusCode(200).extract().asString()))
                .isEmpty();
    }
}
