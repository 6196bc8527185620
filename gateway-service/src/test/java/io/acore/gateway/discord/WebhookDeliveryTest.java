package io.acore.gateway.discord;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.acore.events.ChatMessage;
import io.acore.events.ConversationId;
import io.acore.events.Delivery;
import io.acore.events.PersonaRef;
import io.acore.events.Reply;
import io.acore.events.ReplyKind;
import io.acore.events.Topics;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.discord.FakeDiscord;
import io.acore.testkit.kafka.KafkaTopics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Persona messages through webhooks as Discord treats them (the fake enforces its rules): a deleted webhook is
 * replaced, threads use their parent's webhook, a channel full of other webhooks still gets the reply, a persona's
 * name Discord would refuse is mended, and 429s delay replies without losing or doubling one.
 */
@QuarkusTest
@TestProfile(DiscordDeliveryTest.WithDiscord.class)
class WebhookDeliveryTest {
    /** The fake's second text channel in the first guild: no other test posts there. */
    private static final String FRESH_CHANNEL = "310000000000000001";

    @InjectTestResource
    KafkaTopics topics;

    @InjectTestResource
    FakeDiscord discord;

    @BeforeEach
    void connected() {
        await().atMost(Duration.ofSeconds(20)).until(() -> discord.botConnected());
    }

    @Test
    void aWebhookDeletedBetweenTwoRepliesIsReplacedAndTheSecondReplyStillComesAsThePersona() {
        Reply first = reply(FakeDiscord.GUILD_ID, FakeDiscord.CHANNEL_ID, "Sable", "Before the moderator came.");
        send(first);
        String deleted = posted(awaitDelivery(first)).get(0).webhookId();

        discord.deleteWebhooksIn(FakeDiscord.CHANNEL_ID);
        Reply second = reply(FakeDiscord.GUILD_ID, FakeDiscord.CHANNEL_ID, "Sable", "After the moderator came.");
        send(second);

        Delivery delivery = awaitDelivery(second, Duration.ofSeconds(30));
        assertThat(delivery.status()).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(posted(delivery)).singleElement().satisfies(message -> {
            assertThat(message.webhookId()).isNotNull().isNotEqualTo(deleted);
            assertThat(message.username()).isEqualTo("Sable");
            assertThat(message.content()).isEqualTo("After the moderator came.");
        });
        assertThat(discord.postedMessages()).filteredOn(m -> m.content().equals("After the moderator came.")).hasSize(1);
    }

    @Test
    void aReplyInAThreadIsPostedThereAsThePersonaThroughTheParentChannelsWebhook() {
        Reply inThread = reply(FakeDiscord.GUILD_ID, FakeDiscord.THREAD_ID, "Sable", "Answering in the thread.");
        send(inThread);

        Delivery delivery = awaitDelivery(inThread);
        assertThat(delivery.status()).isEqualTo(Delivery.Status.DELIVERED);
        FakeDiscord.PostedMessage message = posted(delivery).get(0);
        assertThat(message.channelId()).isEqualTo(FakeDiscord.THREAD_ID);
        assertThat(message.username()).isEqualTo("Sable");
        assertThat(discord.webhooks()).filteredOn(w -> w.path("id").asText().equals(message.webhookId()))
                .singleElement().satisfies(hook -> assertThat(hook.path("channel_id").asText())
                        .isEqualTo(FakeDiscord.CHANNEL_ID));
    }

    @Test
    void aChannelHoldingFifteenOtherWebhooksGetsTheReplyFromTheBotNamedAndTheOperatorIsTold() {
        discord.addForeignWebhooks(FakeDiscord.SECOND_CHANNEL_ID, 15);
        Reply reply = reply(FakeDiscord.SECOND_GUILD_ID, FakeDiscord.SECOND_CHANNEL_ID, "Sable", "No slot for me.");
        send(reply);

        Delivery delivery = awaitDelivery(reply);
        assertThat(delivery.status()).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(posted(delivery)).singleElement().satisfies(message -> {
            assertThat(message.webhookId()).isNull();
            assertThat(message.content()).isEqualTo("**Sable**: No slot for me.");
        });
        given().get("/q/health/ready").then().statusCode(200).body(
                "checks.find { it.name == 'discord' }.data.'channels where personas post as the bot (15 other webhooks)'",
                equalTo(FakeDiscord.SECOND_CHANNEL_ID));

        Reply again = reply(FakeDiscord.SECOND_GUILD_ID, FakeDiscord.SECOND_CHANNEL_ID, "Sable", "Still no slot.");
        send(again);
        FakeDiscord.PostedMessage byTheBot = posted(awaitDelivery(again)).get(0);
        assertThat(byTheBot.content()).isEqualTo("**Sable**: Still no slot.");

        discord.userRepliesIn(FakeDiscord.SECOND_CHANNEL_ID, "555000000000000580", "hob", "why not?", byTheBot);
        ChatMessage answering = await().atMost(Duration.ofSeconds(10)).until(() -> topics.events(Topics.CHAT_INBOUND,
                ChatMessage.class).stream().filter(m -> m.author().id().equals("discord:555000000000000580")).findFirst(),
                Optional::isPresent).orElseThrow();
        assertThat(answering.replyToAuthor().name()).as("the persona the bot posted for").isEqualTo("Sable");
        assertThat(answering.mentionsBot()).as("a reply to the bot's own message calls on it").isTrue();
        assertThat(discord.webhooks()).filteredOn(w -> w.path("channel_id").asText()
                .equals(FakeDiscord.SECOND_CHANNEL_ID)).hasSize(15);
    }

    @Test
    void repliesArrivingTogetherInAFreshChannelShareOneWebhookAndANameDiscordRefusesIsMended() {
        List<Reply> replies = IntStream.range(0, 4).mapToObj(i -> reply(FakeDiscord.GUILD_ID, FRESH_CHANNEL,
                i % 2 == 0 ? "Sable" : "Discord Clyde", "Reply " + i)).toList();
        replies.forEach(this::send);

        List<FakeDiscord.PostedMessage> posted = replies.stream().map(this::awaitDelivery)
                .flatMap(delivery -> posted(delivery).stream()).toList();
        assertThat(posted).hasSize(4).allSatisfy(message -> assertThat(message.webhookId()).isNotNull());
        assertThat(posted).extracting(FakeDiscord.PostedMessage::username)
                .containsOnly("Sable", "D\u200Aiscord C\u200Alyde");
        assertThat(discord.webhooks()).filteredOn(w -> w.path("channel_id").asText().equals(FRESH_CHANNEL)).hasSize(1);
    }

    @Test
    void aBurstOf429sDelaysRepliesButEachIsPostedExactlyOnce() {
        int limitedBefore = discord.rateLimitedRequests();
        discord.rateLimitNextWebhookRequests(4);
        List<Reply> replies = IntStream.range(0, 3).mapToObj(i -> reply(FakeDiscord.GUILD_ID, FakeDiscord.CHANNEL_ID,
                "Sable", "Through the rate limit " + i)).toList();
        replies.forEach(this::send);

        for (Reply reply : replies) {
            assertThat(awaitDelivery(reply, Duration.ofSeconds(30)).status()).isEqualTo(Delivery.Status.DELIVERED);
            assertThat(discord.postedMessages()).filteredOn(m -> m.content().equals(reply.content())).hasSize(1);
        }
        assertThat(discord.rateLimitedRequests() - limitedBefore).isGreaterThanOrEqualTo(4);
    }

    private static Reply reply(String guildId, String channelId, String personaName, String content) {
        return Deliveries.reply(ConversationId.discord(guildId, channelId), channelId, new PersonaRef(
                personaName.toLowerCase().replace(' ', '-'), personaName, "https://example.org/sable.png"),
                ReplyKind.PERSONA, content);
    }

    private void send(Reply reply) {
        topics.send(Topics.CHAT_OUTBOUND, reply);
    }

    private Delivery awaitDelivery(Reply reply) {
        return awaitDelivery(reply, Duration.ofSeconds(15));
    }

    private Delivery awaitDelivery(Reply reply, Duration atMost) {
        return Deliveries.awaitDelivery(topics, reply, atMost);
    }

    private List<FakeDiscord.PostedMessage> posted(Delivery delivery) {
        return Deliveries.messagesOf(discord, delivery);
    }
}
