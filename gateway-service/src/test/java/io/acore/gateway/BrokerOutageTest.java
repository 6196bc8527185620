package io.acore.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.acore.events.ChatMessage;
import io.acore.events.Platform;
import io.acore.events.Topics;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.OwnResourcesProfile;
import io.acore.testkit.kafka.Broker;
import io.acore.testkit.discord.FakeDiscord;
import io.acore.testkit.discord.FakeDiscordResource;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.kafka.KafkaTopics;
import io.acore.testkit.postgres.PostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(BrokerOutageTest.WithItsOwnBroker.class)
class BrokerOutageTest {
    public static class WithItsOwnBroker extends OwnResourcesProfile {
        public WithItsOwnBroker() {
            super(KafkaResource.class, PostgresResource.class, FakeDiscordResource.class);
        }
    }

    @InjectTestResource
    Broker broker;

    @InjectTestResource
    KafkaTopics topics;

    @InjectTestResource
    FakeDiscord discord;

    @Test
    void whenTheBrokerIsDownTheUserIsToldToTryAgainWithinSeconds() {
        Map<String, String> body = Map.of("channel", "lobby", "user", "ada", "content", "hello?");
        given().contentType("application/json").body(body).post("/api/chat/messages").then().statusCode(202);

        broker.stop();
        try {
            given().contentType("application/json").body(body).post("/api/chat/messages").then().statusCode(503)
                    .body("error", containsString("try again"));
        } finally {
            broker.start();
        }
    }

    /** Discord already took the member's message: it waits for the broker instead of being refused. */
    @Test
    void aDiscordMessageWrittenWhileTheBrokerIsDownIsPassedOnOnceItIsBack() {
        await().atMost(Duration.ofSeconds(20)).until(discord::botConnected);
        String messageId;
        broker.stop();
        try {
            messageId = discord.userWrites("555000000000000777", "ada", "Sable, is anyone there?");
            await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(15)).until(() ->
                    discord.postedMessages().stream().noneMatch(p -> p.content().contains("try again")));
        } finally {
            broker.start();
        }

        String chatMessageId = ChatMessage.idFor(Platform.DISCORD, messageId);
        await().atMost(Duration.ofSeconds(60)).until(() -> topics.events(Topics.CHAT_INBOUND, ChatMessage.class)
                .stream().anyMatch(message -> message.id().equals(chatMessageId)));
    }
}
