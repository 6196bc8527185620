package io.acore.gateway.discord;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.acore.events.ChatMessage;
import io.acore.events.ConversationId;
import io.acore.events.Delivery;
import io.acore.events.PersonaRef;
import io.acore.events.Platform;
import io.acore.events.Reply;
import io.acore.events.ReplyKind;
import io.acore.events.Topics;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.OwnResourcesProfile;
import io.acore.testkit.discord.FakeDiscord;
import io.acore.testkit.discord.FakeDiscordResource;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.kafka.KafkaTopics;
import io.acore.testkit.postgres.Database;
import io.acore.testkit.postgres.RestartablePostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway's Discord side against the fake Discord, through the real JDA client: messages in, replies out. */
@QuarkusTest
@TestProfile(DiscordDeliveryTest.WithDiscord.class)
public class DiscordDeliveryTest {
    private static final ConversationId CONVERSATION = ConversationId.discord(FakeDiscord.GUILD_ID, FakeDiscord.CHANNEL_ID);

    public static class WithDiscord extends OwnResourcesProfile {
        public WithDiscord() {
            super(KafkaResource.class, RestartablePostgresResource.class, FakeDiscordResource.class);
        }

        /** Fewer tries of a failing post (about 7 s of backoff) so that an outage outlasting them stays short. */
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("acore.discord.posting.attempts", "4");
        }
    }

    @InjectTestResource
    KafkaTopics topics;

    @InjectTestResource
    FakeDiscord discord;

    @InjectTestResource
    Database database;

    @Inject
    DataSource deliveryRecords;

    @Inject
    DiscordConnection connection;

    @BeforeEach
    void connected() {
        await().atMost(Duration.ofSeconds(20)).until(() -> discord.botConnected());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200).body("checks.find { it.name == 'discord' }.data.discord", equalTo("shard 0: CONNECTED")));
    }

    @Test
    void aMemberMessageBecomesAChatMessageForItsChannel() {
        String messageId = discord.userWrites("555000000000000555", "ada",
                "Evening \u0007 Sable!");

        ChatMessage message = await().atMost(Duration.ofSeconds(10)).until(() -> fromUser("555000000000000555")
                .findFirst(), Optional::isPresent).orElseThrow();
        assertThat(message.conversationId()).isEqualTo(CONVERSATION);
        assertThat(message.channelId()).isEqualTo(FakeDiscord.CHANNEL_ID);
        assertThat(message.author().id()).isEqualTo("discord:555000000000000555");
        assertThat(message.author().name()).isEqualTo("ada");
        assertThat(message.content()).isEqualTo("Evening Sable!");
        assertThat(message.id()).isEqualTo(ChatMessage.idFor(Platform.DISCORD, messageId));
    }

    @Test
    void theSameDiscordMessageDispatchedTwiceIsTakenInOnce() {
        String messageId = discord.userWrites("555000000000000562", "gus", "Once, Sable.");
        discord.replay(messageId);
        discord.userWrites("555000000000000562", "gus", "And a second message.");

        await().atMost(Duration.ofSeconds(10)).until(() -> fromUser("555000000000000562")
                .anyMatch(m -> m.content().equals("And a second message.")));
        assertThat(fromUser("555000000000000562")).extracting(ChatMessage::content)
                .containsExactly("Once, Sable.", "And a second message.");
    }

    @Test
    void aLongReplyIsPostedAsThePersonaInPiecesUnderTheLimitWithMassPingsDisabled() {
        String longText = "@everyone listen. " + "The lamp turns. ".repeat(200);
        Reply reply = reply(ReplyKind.PERSONA, longText);
        send(reply);

        Delivery delivery = awaitDelivery(reply);
        assertThat(delivery.status()).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(delivery.target()).isEqualTo(Platform.DISCORD);
        List<FakeDiscord.PostedMessage> posted = posted(delivery);
        assertThat(posted).hasSize(2);
        assertThat(posted.get(0).content()).startsWith("@everyone listen.");
        assertThat(posted).allSatisfy(p -> {
            assertThat(p.webhookId()).isNotNull();
            assertThat(p.username()).isEqualTo("Sable");
            assertThat(p.body().path("avatar_url").asText()).isEqualTo("https://example.org/sable.png");
            assertThat(p.content().length()).isLessThanOrEqualTo(2000);
            JsonNode parse = p.body().path("allowed_mentions").path("parse");
            assertThat(parse.toString()).doesNotContain("everyone").doesNotContain("roles");
        });

        Reply second = reply(ReplyKind.PERSONA, "And again.");
        send(second);
        assertThat(posted(awaitDelivery(second))).singleElement()
                .satisfies(p -> assertThat(p.username()).isEqualTo("Sable"));
        assertThat(discord.webhooks()).filteredOn(w -> w.path("channel_id").asText().equals(FakeDiscord.CHANNEL_ID))
                .hasSize(1);
    }

    @Test
    void partialRepliesShowThePersonaTypingOncePerRefresh() {
        Reply done = reply(ReplyKind.PERSONA, "Here I am.");
        Reply started = Deliveries.recordOf(done, done.kind(), "", 1, true);
        Reply streaming = Deliveries.recordOf(done, done.kind(), "Here", 2, true);
        int before = discord.typingIn().size();
        send(started);
        send(streaming);
        send(done);

        awaitDelivery(done);
        await().atMost(Duration.ofSeconds(5)).until(() -> discord.typingIn().size() > before);
        List<String> typing = discord.typingIn();
        assertThat(typing.subList(before, typing.size())).containsExactly(FakeDiscord.CHANNEL_ID);
    }

    @Test
    void aMemberReplyingToAPersonasMessageSaysWhichPersonaItAnswers() {
        Reply reply = reply(ReplyKind.PERSONA, "The lamp is lit.");
        send(reply);
        FakeDiscord.PostedMessage personaMessage = posted(awaitDelivery(reply)).get(0);

        discord.userReplies("555000000000000559", "ed", "and the fog?", personaMessage);

        ChatMessage message = await().atMost(Duration.ofSeconds(10)).until(() -> topics.events(Topics.CHAT_INBOUND, ChatMessage.class)
                .stream()                .filter(m -> m.author().id().equals("discord:555000000000000559")).findFirst(), Optional::isPresent)
                .orElseThrow();
        assertThat(message.replyTo()).isEqualTo(personaMessage.messageId());
        assertThat(message.replyToAuthor().name()).isEqualTo("Sable");
        assertThat(message.replyToAuthor().bot()).isTrue();
        assertThat(message.mentionsBot()).as("a persona's message is the webhook's, not the bot's").isFalse();
    }

    @Test
    void aDirectMessageIsTakenInForItsOwnConversationAndAnsweredThere() {
        String user = "555000000000000590";
        String messageId = discord.userWritesDirect(user, "lu", "are you there?");

        ChatMessage message = await().atMost(Duration.ofSeconds(10)).until(() -> topics.events(Topics.CHAT_INBOUND,
                ChatMessage.class).stream().filter(m -> m.author().id().equals("discord:" + user)).findFirst(),
                Optional::isPresent).orElseThrow();
        assertThat(message.id()).isEqualTo(ChatMessage.idFor(Platform.DISCORD, messageId));
        assertThat(message.conversationId()).isEqualTo(ConversationId.discordDirect(discord.directChannelOf(user)));

        Reply reply = Deliveries.reply(message.conversationId(), message.channelId(),
                new PersonaRef("sable", "Sable", null), ReplyKind.PERSONA, "Always.");
        send(Deliveries.recordOf(reply, ReplyKind.PERSONA, "", 1, true));
        send(Deliveries.recordOf(reply, ReplyKind.PERSONA, "Alw", 2, true));
        send(reply);
        assertThat(posted(awaitDelivery(reply))).singleElement().satisfies(posted -> {
            assertThat(posted.channelId()).isEqualTo(discord.directChannelOf(user));
            assertThat(posted.currentContent()).as("streamed, then edited into the answer").isEqualTo("**Sable**: Always.");
        });
    }

    @Test
    void aMessageSaysWhoCanReadItsChannel() {
        List<String> channels = List.of(FakeDiscord.CHANNEL_ID, FakeDiscord.THREAD_ID, FakeDiscord.STAFF_CHANNEL_ID,
                FakeDiscord.STAFF_THREAD_ID, FakeDiscord.PRIVATE_THREAD_ID);
        for (int i = 0; i < channels.size(); i++) {
            discord.userWritesIn(channels.get(i), Long.toString(555000000000000591L + i), "reader" + i, "who reads this?");
        }

        List<ChatMessage> messages = await().atMost(Duration.ofSeconds(10)).until(() -> topics.events(Topics.CHAT_INBOUND,
                ChatMessage.class).stream().filter(m -> m.content().equals("who reads this?")).toList(),
                taken -> taken.size() == channels.size());
        java.util.Map<String, String> restrictedTo = new java.util.HashMap<>();
        messages.forEach(m -> restrictedTo.put(m.channelId(), String.valueOf(m.restrictedTo())));
        assertThat(restrictedTo).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                FakeDiscord.CHANNEL_ID, "null", FakeDiscord.THREAD_ID, "null",
                FakeDiscord.STAFF_CHANNEL_ID, FakeDiscord.STAFF_CHANNEL_ID,
                FakeDiscord.STAFF_THREAD_ID, FakeDiscord.STAFF_CHANNEL_ID,
                FakeDiscord.PRIVATE_THREAD_ID, FakeDiscord.PRIVATE_THREAD_ID));
    }

    @Test
    void aMessageSaysWhetherItCallsOnTheBotByItsUserOrItsRole() {
        String bot = "<@" + FakeDiscord.BOT_ID + ">";
        String role = "<@&" + FakeDiscord.botRoleIn(FakeDiscord.GUILD_ID) + ">";
        List<String> texts = List.of(bot + " hello there", "hello there " + role, "<@555000000000000571> hello there",
                "hello there @everyone", "hello there, bot");
        for (int i = 0; i < texts.size(); i++) {
            discord.userWrites(Long.toString(555000000000000571L + i), "member" + i, texts.get(i));
        }

        List<ChatMessage> messages = await().atMost(Duration.ofSeconds(10)).until(() -> topics.events(Topics.CHAT_INBOUND,
                ChatMessage.class).stream().filter(m -> m.content().contains("hello there")).toList(),
                taken -> taken.size() == texts.size());
        assertThat(messages).filteredOn(ChatMessage::mentionsBot).extracting(m -> m.author().id())
                .containsExactlyInAnyOrder("discord:555000000000000571", "discord:555000000000000572");
        assertThat(messages).extracting(ChatMessage::content).contains("@acore hello there");
    }

    @Test
    void slashCommandsAreRegisteredAndAnswerPrivatelyEvenWhenAServiceIsDown() {
        await().atMost(Duration.ofSeconds(10)).until(() -> discord.registeredCommands().size() == 4);
        assertThat(discord.registeredCommands()).extracting(c -> c.path("name").asText())
                .containsExactlyInAnyOrder("persona", "status", "relationship", "memory");

        String token = discord.userRunsCommand("555000000000000560", "fay", "memory", "forget");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<FakeDiscord.InteractionResponse> answers = discord.interactionResponses().stream()
                    .filter(r -> r.token().equals(token)).toList();
            assertThat(answers).extracting(FakeDiscord.InteractionResponse::type).containsExactly(5, 0);
            assertThat(answers.get(0).ephemeral()).as("deferred privately").isTrue();
            assertThat(answers.get(1).content()).isEqualTo(SlashCommands.UNAVAILABLE);
        });
    }

    @Test
    void aReplyDeliveredTwiceOrRegeneratedIsPostedOnce() {
        Reply reply = reply(ReplyKind.PERSONA, "Only once, please.");
        Reply regenerated = Deliveries.recordOf(reply, reply.kind(), "A second take.", 5, false);
        Reply marker = reply(ReplyKind.PERSONA, "After the duplicate.");
        send(reply);
        send(reply);
        send(regenerated);
        send(marker);

        awaitDelivery(marker);
        assertThat(discord.postedMessages())
                .filteredOn(p -> p.content().equals("Only once, please.")).hasSize(1);
        assertThat(discord.postedMessages())
                .noneMatch(p -> p.content().equals("A second take."));
        assertThat(topics.records(Topics.DELIVERY)).filteredOn(r -> r.value().contains(reply.id())).hasSize(1);
    }

    @Test
    void aPostDiscordRefusesForAWhileIsTriedAgainAndPostedOnce() {
        discord.refuseNextPosts(3);
        Reply reply = reply(ReplyKind.PERSONA, "Third time lucky.");
        send(reply);

        Delivery delivery = awaitDelivery(reply, Duration.ofSeconds(30));
        assertThat(delivery.status()).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(discord.postedMessages()).filteredOn(p -> p.content().equals("Third time lucky.")).hasSize(1);
    }

    @Test
    void aDeliveryCutOffMidwayByAStoppedGatewayResumesWithoutPostingAPieceTwice() throws Exception {
        String webhookId = webhookOfTheChannel();
        Reply reply = reply(ReplyKind.PERSONA, Stream.of("First", "Second", "Third")
                .map(part -> part + ": " + "word ".repeat(390)).reduce(String::concat).orElseThrow());
        List<String> pieces = DiscordMessageSplitter.split(reply.content());
        assertThat(pieces).hasSize(3);
        String noted = discord.postedEarlier(FakeDiscord.CHANNEL_ID, webhookId, "Sable", pieces.get(0));
        String postedButNotNoted = discord.postedEarlier(FakeDiscord.CHANNEL_ID, webhookId, "Sable", pieces.get(1));
        claimedByAStoppedGateway(reply, noted, false);

        send(reply);

        Delivery delivery = awaitDelivery(reply);
        assertThat(delivery.platformMessageIds()).hasSize(3).startsWith(noted, postedButNotNoted);
        for (String piece : pieces) {
            assertThat(discord.postedMessages()).filteredOn(p -> p.content().equals(piece)).hasSize(1);
        }
    }

    @Test
    void aPieceItsStoppedGatewayWasNotAboutToPostIsPostedThoughTheSameWordsAreInTheChannel() throws Exception {
        String webhookId = webhookOfTheChannel();
        Reply reply = reply(ReplyKind.PERSONA, "Yes.");
        String anotherReplysYes = discord.postedEarlier(FakeDiscord.CHANNEL_ID, webhookId, "Sable", "Yes.");
        Deliveries.claimedByAnotherProcess(deliveryRecords, reply, "1 hour", null, false, false);

        send(reply);

        Delivery delivery = awaitDelivery(reply);
        assertThat(delivery.platformMessageIds()).singleElement().isNotEqualTo(anotherReplysYes);
        assertThat(discord.postedMessages()).filteredOn(p -> p.content().equals("Yes.")).hasSize(2);
    }

    @Test
    void aBotPiecePostedButNotNotedIsFoundByItsNonceNotByItsWords() throws Exception {
        Reply notice = reply(ReplyKind.NOTICE, "Sable is resting; try again in a minute.");
        String text = "*" + notice.content() + "*";
        String anotherNotice = discord.postedEarlierByBot(FakeDiscord.CHANNEL_ID, text, "another-reply-s-nonce");
        String ours = discord.postedEarlierByBot(FakeDiscord.CHANNEL_ID, text, ReplySender.nonce(notice, 0));
        int repeatsBefore = discord.nonceRepeats();
        Deliveries.claimedByAnotherProcess(deliveryRecords, notice, "30 seconds", null, false, true);

        send(notice);

        assertThat(awaitDelivery(notice).platformMessageIds()).containsExactly(ours).doesNotContain(anotherNotice);
        assertThat(discord.nonceRepeats()).as("Discord answered the nonce with the message it had")
                .isEqualTo(repeatsBefore + 1);
        assertThat(discord.postedMessages()).filteredOn(p -> p.content().equals(text)).hasSize(2);
    }

    @Test
    void aReplyStreamedByAStoppedGatewayIsFinishedInItsStreamedMessage() throws Exception {
        String webhookId = webhookOfTheChannel();
        Reply reply = reply(ReplyKind.PERSONA, "The keeper lit the lamp at dusk and kept it burning until dawn.");
        String streamed = discord.postedEarlier(FakeDiscord.CHANNEL_ID, webhookId, "Sable", "The keeper lit the");
        claimedByAStoppedGateway(reply, streamed, true);

        send(reply);

        Delivery delivery = awaitDelivery(reply);
        assertThat(delivery.platformMessageIds()).containsExactly(streamed);
        assertThat(discord.postedMessages()).filteredOn(p -> p.messageId().equals(streamed)).singleElement()
                .satisfies(p -> assertThat(p.currentContent()).isEqualTo(reply.content()));
        assertThat(discord.postedMessages()).noneMatch(p -> p.content().equals(reply.content()));
    }

    @Test
    void aReplyStreamedByAStoppedGatewayAndThenCancelledIsTakenBackFromTheChannel() throws Exception {
        String webhookId = webhookOfTheChannel();
        Reply started = reply(ReplyKind.PERSONA, "unused");
        String streamed = discord.postedEarlier(FakeDiscord.CHANNEL_ID, webhookId, "Sable", "I was going to say that");
        claimedByAStoppedGateway(started, streamed, true);
        Reply cancelled = Deliveries.recordOf(started, ReplyKind.CANCELLED, "", 9, false);
        Reply marker = reply(ReplyKind.PERSONA, "After the cancelled one.");

        send(cancelled);
        send(marker);

        awaitDelivery(marker);
        assertThat(discord.deletedMessages()).contains(streamed);
        assertThat(discord.postedMessages()).noneMatch(p -> p.messageId().equals(streamed));
    }

    /**
     * Fifteen seconds by default, long enough for several failed tries and their growing pauses;
     * {@code -Dtest.discord-outage=180} runs the three minutes of the reliability drill.
     */
    @Test
    void aReplyWaitsOutADiscordOutageAndIsPostedOnceWhenDiscordIsBackWhileTheReplicaStaysReady() {
        Duration outage = Duration.ofSeconds(Long.getLong("test.discord-outage", 15));
        Reply reply = reply(ReplyKind.PERSONA, "Said while Discord was away.");
        discord.goDown();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !discord.botConnected());
            send(reply);
            await().during(outage).atMost(outage.plusSeconds(10)).untilAsserted(() -> {
                assertThat(discord.postedMessages()).noneMatch(p -> p.content().equals(reply.content()));
                given().get("/q/health/ready").then().statusCode(200);
            });
        } finally {
            discord.comeBack();
        }

        assertThat(awaitDelivery(reply, Duration.ofSeconds(90)).status()).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(discord.postedMessages()).filteredOn(p -> p.content().equals(reply.content())).hasSize(1);
    }

    @Test
    void aReplyWhoseStreamedBeginningWasPostedButNotNotedBeforeItsGatewayStoppedIsFinishedInThatMessage()
            throws Exception {
        String webhookId = webhookOfTheChannel();
        Reply reply = reply(ReplyKind.PERSONA, "The lighthouse keeper left at dawn, and nobody saw him go.");
        String partial = discord.postedEarlier(FakeDiscord.CHANNEL_ID, webhookId, "Sable", "The lighthouse keeper");
        claimedByAStoppedGateway(reply, null, false);

        send(reply);

        assertThat(awaitDelivery(reply).status()).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(discord.postedMessages()).filteredOn(p -> p.currentContent().startsWith("The lighthouse keeper"))
                .extracting(FakeDiscord.PostedMessage::messageId).containsExactly(partial);
        assertThat(discord.postedMessages()).filteredOn(p -> p.messageId().equals(partial))
                .extracting(FakeDiscord.PostedMessage::currentContent).containsExactly(reply.content());
    }

    @Test
    void aShardWhoseSessionCouldNotStartWhileDiscordWasDownStartsOnceItIsBack() {
        connection.stop(0); // as a session that never got to start: the shard is held, without a session
        discord.goDown();
        // JDA's request threads, interrupted as the stopped session shuts down, may throw on their way out; that is
        // JDA's business, not what this test watches
        try {
            await().dontCatchUncaughtExceptions().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10))
                    .until(() -> !discord.botConnected() && !connection.connected(0));
        } finally {
            discord.comeBack();
        }

        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30))
                .until(() -> discord.botConnected() && connection.connected(0));
    }

    @Test
    void aReplyWaitsWhileTheDatabaseIsDownAndIsPostedOnceWhenItIsBack() {
        Reply reply = reply(ReplyKind.PERSONA, "Worth the wait.");
        database.stop();
        try {
            send(reply);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                    discord.postedMessages().stream().noneMatch(p -> p.content().equals("Worth the wait.")));
        } finally {
            database.start();
        }

        assertThat(awaitDelivery(reply, Duration.ofSeconds(60)).status()).isEqualTo(Delivery.Status.DELIVERED);
        assertThat(discord.postedMessages()).filteredOn(p -> p.content().equals("Worth the wait.")).hasSize(1);
        assertThat(topics.records(Topics.DEAD_LETTER)).noneMatch(r -> r.value().contains(reply.id()));
    }

    @Test
    void aMessageWrittenWhileTheSessionWasBrokenIsTakenInOnceWhenItStartsAgain() throws Exception {
        String heard = discord.userWrites("555000000000000005", "nell", "You can hear me.");
        await().atMost(Duration.ofSeconds(15)).until(() -> lastTakenIn(FakeDiscord.CHANNEL_ID), heard::equals);

        String unheard = discord.userWritesUnheard(FakeDiscord.CHANNEL_ID, "555000000000000005", "nell",
                "Did anyone hear that?");
        discord.endSessions();

        String unheardId = ChatMessage.idFor(Platform.DISCORD, unheard);
        await().atMost(Duration.ofSeconds(30)).until(() -> topics.events(Topics.CHAT_INBOUND, ChatMessage.class)
                .stream().anyMatch(m -> m.id().equals(unheardId)));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(topics.events(Topics.CHAT_INBOUND, ChatMessage.class))
                    .filteredOn(m -> m.id().equals(unheardId)).hasSize(1);
            assertThat(topics.events(Topics.CHAT_INBOUND, ChatMessage.class))
                    .filteredOn(m -> m.id().equals(ChatMessage.idFor(Platform.DISCORD, heard))).hasSize(1);
        });
    }

    @Test
    void aDirectMessageWrittenWhileTheSessionWasBrokenIsTakenInOnceWhenItStartsAgain() throws Exception {
        String member = "555000000000000006";
        String heard = discord.userWritesDirect(member, "oona", "Only you and me here.");
        String channel = discord.directChannelOf(member);
        await().atMost(Duration.ofSeconds(15)).until(() -> lastTakenIn(channel), heard::equals);

        String unheard = discord.userWritesUnheard(channel, member, "oona", "Are you still there?");
        discord.endSessions();

        String unheardId = ChatMessage.idFor(Platform.DISCORD, unheard);
        await().atMost(Duration.ofSeconds(30)).until(() -> topics.events(Topics.CHAT_INBOUND, ChatMessage.class)
                .stream().anyMatch(m -> m.id().equals(unheardId)));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(topics.events(Topics.CHAT_INBOUND, ChatMessage.class))
                        .filteredOn(m -> m.id().equals(unheardId)).hasSize(1)
                        .allSatisfy(m -> assertThat(m.conversationId()).isEqualTo(ConversationId.discordDirect(channel))));
    }

    private String lastTakenIn(String channelId) throws Exception {
        try (Connection connection = deliveryRecords.getConnection();
                PreparedStatement read = connection.prepareStatement(
                        "SELECT last_message_id FROM gateway.discord_channel_cursor WHERE channel_id = ?")) {
            read.setString(1, channelId);
            try (var row = read.executeQuery()) {
                return row.next() ? Long.toString(row.getLong(1)) : null;
            }
        }
    }

    /** A claim a stopped gateway left, with the message it noted (null: none). */
    /** As a gateway killed right after it noted it was about to post the next piece left its claim. */
    private void claimedByAStoppedGateway(Reply reply, String messageId, boolean streamed) throws Exception {
        Deliveries.claimedByAnotherProcess(deliveryRecords, reply, "1 hour", messageId, streamed, true);
    }

    private String webhookOfTheChannel() {
        Reply first = reply(ReplyKind.PERSONA, "Hello, channel.");
        send(first);
        return posted(awaitDelivery(first)).get(0).webhookId();
    }

    @Test
    void aNoticeComesFromTheBotNotFromThePersona() {
        Reply notice = reply(ReplyKind.NOTICE, "Sable can't answer right now.");
        send(notice);

        assertThat(posted(awaitDelivery(notice))).singleElement().satisfies(p -> {
            assertThat(p.webhookId()).isNull();
            assertThat(p.content()).isEqualTo("*Sable can't answer right now.*");
        });
    }

    private static Reply reply(ReplyKind kind, String content) {
        return Deliveries.reply(CONVERSATION, FakeDiscord.CHANNEL_ID,
                new PersonaRef("sable", "Sable", "https://example.org/sable.png"), kind, content);
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

    @Test
    void aMemberSendingTooFastIsToldOnceAndTheRestIsNotPassedOn() {
        String user = "555000000000000557";
        for (int i = 0; i < 12; i++) {
            discord.userWrites(user, "cy", "message " + i);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> discord.postedMessages().stream()
                .anyMatch(p -> p.content().contains("faster than 10 a minute")));
        await().atMost(Duration.ofSeconds(10)).until(() -> fromUser(user).count() == 10);

        discord.userWrites(user, "cy", "one more");
        discord.userWrites("555000000000000558", "di", "a calm member");
        await().atMost(Duration.ofSeconds(10)).until(() -> fromUser("555000000000000558").count() == 1);
        assertThat(fromUser(user)).hasSize(10);
        assertThat(discord.postedMessages())
                .filteredOn(p -> p.content().contains("faster than")).hasSize(1);
    }

    private Stream<ChatMessage> fromUser(String discordUserId) {
        return topics.events(Topics.CHAT_INBOUND, ChatMessage.class).stream()
                .filter(m -> m.author().id().equals(Platform.DISCORD.userId(discordUserId)));
    }

    @Test
    void anOversizedMessageIsRefusedInTheChannelAndNotPassedOn() {
        discord.userWrites("555000000000000556", "bo", "x".repeat(4001));
        discord.userWrites("555000000000000561", "jo", "a short one");

        await().atMost(Duration.ofSeconds(10)).until(() -> discord.postedMessages().stream()
                .anyMatch(p -> p.content().contains("the limit is 4000")));
        await().atMost(Duration.ofSeconds(10)).until(() -> fromUser("555000000000000561").count() == 1);
        assertThat(fromUser("555000000000000556")).isEmpty();
    }
}
