package io.acore.gateway.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replies streamed on Discord as they are written (the default, {@code ACORE_DISCORD_STREAMING=edit}), against the
 * strict fake: one message posted then edited, one edit per second per channel for all personas together, text past
 * 2,000 characters going on in new messages, and the final text exactly the answer, also through a burst of 429s.
 */
@QuarkusTest
@TestProfile(DiscordDeliveryTest.WithDiscord.class)
class StreamingDeliveryTest {
    /** The fake's second text channel in the second guild: only this class posts there. */
    private static final String CHANNEL = "320000000000000001";
    private static final ConversationId CONVERSATION = ConversationId.discord(FakeDiscord.SECOND_GUILD_ID, CHANNEL);

    @InjectTestResource
    KafkaTopics topics;

    @InjectTestResource
    FakeDiscord discord;

    private ScheduledExecutorService model;

    @BeforeEach
    void connected() {
        await().atMost(Duration.ofSeconds(20)).until(() -> discord.botConnected());
        model = Executors.newSingleThreadScheduledExecutor(); // the test producer is used from one thread
    }

    @AfterEach
    void stopModel() {
        model.shutdownNow();
    }

    @Test
    void aReplyStreamedOverThreeSecondsIsOnePostThenEditsAtMostOneASecondEndingInTheAnswer() {
        Reply answer = answer("Sable", words("The lighthouse keeper", 1_500));

        stream(answer, 12, Duration.ofSeconds(3)).join();

        Delivery delivery = awaitDelivery(answer);
        List<FakeDiscord.PostedMessage> messages = messagesOf(delivery);
        assertThat(messages).singleElement().satisfies(message -> {
            assertThat(message.username()).isEqualTo("Sable");
            assertThat(message.content()).as("first posted with the text so far").isNotEqualTo(answer.content());
            assertThat(message.currentContent()).isEqualTo(answer.content());
        });
        assertThat(editsOf(messages)).hasSizeGreaterThanOrEqualTo(2);
        assertStreamingEditsAtMostOneASecond(messages);
    }

    @Test
    void twoPersonasStreamingInOneChannelShareItsBudget() {
        Reply sable = answer("Sable", words("Sable remembers", 1_200));
        Reply orrin = answer("Orrin", words("Orrin disagrees", 1_200));

        CompletableFuture.allOf(stream(sable, 12, Duration.ofSeconds(3)), stream(orrin, 12, Duration.ofSeconds(3)))
                .join();

        List<FakeDiscord.PostedMessage> messages = new ArrayList<>(messagesOf(awaitDelivery(sable)));
        messages.addAll(messagesOf(awaitDelivery(orrin)));
        assertThat(messages).hasSize(2).extracting(FakeDiscord.PostedMessage::currentContent)
                .containsExactlyInAnyOrder(sable.content(), orrin.content());
        assertThat(messages).extracting(FakeDiscord.PostedMessage::username).containsExactlyInAnyOrder("Sable", "Orrin");
        assertStreamingEditsAtMostOneASecond(messages);
    }

    @Test
    void aReplyThatStartsWhileTheEarlierOneIsStillBeingPostedShowsBelowIt() {
        Reply earlier = answer("Sable", "The tide comes in at six.");
        Reply later = answer("Orrin", words("And it goes out again at noon", 600));
        discord.refuseNextPosts(2);

        sending(new CompletableFuture<>(), earlier);
        stream(later, 6, Duration.ofSeconds(2)).join();

        long earlierId = Long.parseLong(messagesOf(awaitDelivery(earlier)).get(0).messageId());
        assertThat(messagesOf(awaitDelivery(later))).extracting(m -> Long.parseLong(m.messageId()))
                .allMatch(id -> id > earlierId, "posted after the earlier reply");
    }

    @Test
    void aLongReplyGoesOnInNewMessagesInOrderNeverSplittingACodeBlockThatFits() {
        String code = "```java\n" + "int lamp = 1; // turns all night\n".repeat(20) + "```\n";
        Reply answer = answer("Sable", words("First part", 1_750) + "\n" + code + words("Then", 2_100));
        assertThat(answer.content().length()).isGreaterThan(4_400);

        stream(answer, 15, Duration.ofSeconds(3)).join();

        List<FakeDiscord.PostedMessage> messages = messagesOf(awaitDelivery(answer, Duration.ofSeconds(30)));
        List<String> expected = DiscordMessageSplitter.split(answer.content());
        assertThat(expected).hasSizeGreaterThanOrEqualTo(3);
        assertThat(messages).extracting(FakeDiscord.PostedMessage::currentContent).containsExactlyElementsOf(expected);
        assertThat(messages).allSatisfy(message -> {
            assertThat(message.currentContent().length()).isLessThanOrEqualTo(2_000);
            assertThat(message.currentContent().split("```", -1).length % 2).as("fences in pairs").isEqualTo(1);
        });
        assertThat(messages).extracting(m -> Long.parseLong(m.messageId())).isSorted();
    }

    @Test
    void aBurstOf429sWhileStreamingStillEndsWithEveryAnswerOnceAndNoStreamedTextAfterIt() {
        Reply sable = answer("Sable", words("Through the storm", 1_400));
        Reply orrin = answer("Orrin", words("Past the rocks", 900));
        int limitedBefore = discord.rateLimitedRequests();

        CompletableFuture<Void> streaming = CompletableFuture.allOf(stream(sable, 10, Duration.ofSeconds(3)),
                stream(orrin, 10, Duration.ofSeconds(3)));
        model.schedule(() -> discord.rateLimitNextWebhookRequests(6), 1, TimeUnit.SECONDS);
        streaming.join();

        for (Reply answer : List.of(sable, orrin)) {
            Delivery delivery = awaitDelivery(answer, Duration.ofSeconds(30));
            assertThat(delivery.status()).isEqualTo(Delivery.Status.DELIVERED);
            List<FakeDiscord.PostedMessage> messages = messagesOf(delivery);
            assertThat(messages).singleElement()
                    .satisfies(message -> assertThat(message.currentContent()).isEqualTo(answer.content()));
            assertThat(discord.postedMessages()).filteredOn(m -> m.channelId().equals(CHANNEL)
                    && answer.persona().name().equals(m.username()) && !messages.contains(m))
                    .as("no other message for this reply").noneMatch(m -> answer.content().startsWith(m.content()));
        }
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(() -> {
            for (Reply answer : List.of(sable, orrin)) {
                assertThat(messagesOf(awaitDelivery(answer))).singleElement()
                        .satisfies(m -> assertThat(m.currentContent()).isEqualTo(answer.content()));
            }
        });
        assertThat(discord.rateLimitedRequests() - limitedBefore).isGreaterThanOrEqualTo(6);
    }

    @Test
    void aStreamedReplyThatEndsInANoticeOrInNothingIsTakenBackFromTheChannel() {
        String started = words("I was about to say", 600);
        Reply notice = withKind(answer("Sable", "Sable can't answer right now."), ReplyKind.NOTICE);
        Reply cancelled = withKind(answer("Sable", ""), ReplyKind.CANCELLED);

        stream(notice, started, 6, Duration.ofSeconds(2)).join();
        stream(cancelled, started, 6, Duration.ofSeconds(2)).join();

        assertThat(posted(awaitDelivery(notice))).singleElement().satisfies(message -> {
            assertThat(message.webhookId()).isNull();
            assertThat(message.currentContent()).isEqualTo("*Sable can't answer right now.*");
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(discord.postedMessages())
                .filteredOn(m -> m.channelId().equals(CHANNEL) && m.content().startsWith("I was about to say"))
                .as("streamed messages withdrawn").isEmpty());
        assertThat(discord.deletedMessages()).hasSizeGreaterThanOrEqualTo(2);
    }

    private static Reply withKind(Reply reply, ReplyKind kind) {
        return Deliveries.recordOf(reply, kind, reply.content(), reply.sequence(), false);
    }

    private List<FakeDiscord.PostedMessage> posted(Delivery delivery) {
        return messagesOf(delivery);
    }

    /** Streaming's own edits (every message's last edit is the final one): never two less than a second apart. */
    private void assertStreamingEditsAtMostOneASecond(List<FakeDiscord.PostedMessage> messages) {
        List<FakeDiscord.Edit> edits = editsOf(messages);
        Map<String, FakeDiscord.Edit> finalEdits = edits.stream().collect(Collectors.toMap(
                FakeDiscord.Edit::messageId, edit -> edit, (earlier, later) -> later));
        List<FakeDiscord.Edit> streamed = edits.stream().filter(edit -> !finalEdits.containsValue(edit))
                .sorted(Comparator.comparing(FakeDiscord.Edit::at)).toList();
        assertThat(streamed).isNotEmpty();
        for (int i = 1; i < streamed.size(); i++) {
            assertThat(Duration.between(streamed.get(i - 1).at(), streamed.get(i).at()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(990));
        }
    }

    private List<FakeDiscord.Edit> editsOf(List<FakeDiscord.PostedMessage> messages) {
        Set<String> ids = messages.stream().map(FakeDiscord.PostedMessage::messageId).collect(Collectors.toSet());
        return discord.edits().stream().filter(edit -> ids.contains(edit.messageId())).toList();
    }

    /** Emits the answer as a model streams it: {@code updates} partials with the text so far, then the final. */
    private CompletableFuture<Void> stream(Reply answer, int updates, Duration over) {
        return stream(answer, answer.content(), updates, over);
    }

    /** The same, the partials showing {@code text} as it grows, then {@code answer} as the final record. */
    private CompletableFuture<Void> stream(Reply answer, String text, int updates, Duration over) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        long period = over.toMillis() / updates;
        for (int k = 1; k <= updates; k++) {
            int length = text.length() * k / (updates + 1);
            Reply partial = Deliveries.recordOf(answer, ReplyKind.PERSONA, text.substring(0, length), k, true);
            model.schedule(() -> sending(sent, partial), period * (k - 1), TimeUnit.MILLISECONDS);
        }
        model.schedule(() -> {
            sending(sent, answer);
            sent.complete(null);
        }, period * updates, TimeUnit.MILLISECONDS);
        return sent.orTimeout(30, TimeUnit.SECONDS);
    }

    private void sending(CompletableFuture<Void> sent, Reply reply) {
        try {
            topics.send(Topics.CHAT_OUTBOUND, reply);
        } catch (RuntimeException e) {
            sent.completeExceptionally(e);
        }
    }

    private static Reply answer(String persona, String content) {
        return Deliveries.recordOf(Deliveries.reply(CONVERSATION, CHANNEL, new PersonaRef(persona.toLowerCase(),
                persona, "https://example.org/" + persona + ".png"), ReplyKind.PERSONA, content), ReplyKind.PERSONA,
                content, 100, false);
    }

    private static String words(String start, int length) {
        StringBuilder text = new StringBuilder(start);
        String[] words = {"lamp", "tide", "rope", "gull", "salt", "stone", "wind", "night"};
        for (int i = 0; text.length() < length; i++) {
            text.append(i % 17 == 16 ? ".\n" : " ").append(words[i % words.length]);
        }
        return text.substring(0, length).strip();
    }

    private Delivery awaitDelivery(Reply reply) {
        return awaitDelivery(reply, Duration.ofSeconds(20));
    }

    private Delivery awaitDelivery(Reply reply, Duration atMost) {
        return Deliveries.awaitDelivery(topics, reply, atMost);
    }

    private List<FakeDiscord.PostedMessage> messagesOf(Delivery delivery) {
        return Deliveries.messagesOf(discord, delivery);
    }
}
