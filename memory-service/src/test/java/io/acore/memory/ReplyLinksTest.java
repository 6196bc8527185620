package io.acore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acore.events.Author;
import io.acore.events.ChatMessage;
import io.acore.events.ConversationId;
import io.acore.events.Platform;
import io.acore.events.Reply;
import io.acore.events.Topics;
import io.acore.memory.repository.MessageRepository;
import io.acore.memory.repository.StoredMessage;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.TestEvents;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.kafka.KafkaTopics;
import io.acore.testkit.postgres.PostgresResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * In a busy channel the turn a message follows on from is the one it answers, not whatever was said just before it:
 * a member's Discord reply goes with the message it replies to, a persona's reply with the message it answers, and a
 * turn that answers nothing, or something the conversation does not hold, with the turn before it. That turn is what
 * the message is embedded after.
 */
@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class ReplyLinksTest {
    private static final ConversationId CHANNEL = ConversationId.discord("780000000000000001", "781000000000000001");
    private static final ConversationId ELSEWHERE = ConversationId.discord("780000000000000001", "781000000000000002");
    private static final Instant START = Instant.parse("2026-03-02T18:00:00Z");

    @InjectTestResource
    KafkaTopics topics;

    @Inject
    MessageRepository messages;

    @Test
    void aReplyFollowsOnFromWhatItAnswersHoweverMuchWasSaidBetween() {
        ChatMessage elsewhere = said(ELSEWHERE, "782000000000000009", "Ana", "Is the quarry open on Sundays?", null, 0);
        ChatMessage question = said(CHANNEL, "782000000000000001", "Ana", "How often do you go climbing, Bo?", null, 1);
        ChatMessage chatter = said(CHANNEL, "782000000000000002", "Cy", "Did anyone catch the match last night?",
                null, 2);
        ChatMessage more = said(CHANNEL, "782000000000000003", "Dee", "It went to penalties, what a finish.", null, 3);
        ChatMessage answer = said(CHANNEL, "782000000000000004", "Bo", "Three times a week at the old quarry.",
                "782000000000000001", 4);
        ChatMessage stray = said(CHANNEL, "782000000000000005", "Cy", "Sundays too, I think.", "782000000000000009", 5);
        List.of(elsewhere, question, chatter, more, answer, stray)
                .forEach(message -> topics.send(Topics.CHAT_INBOUND, message));
        Reply persona = TestEvents.finalReply(question, "sable", "Sable", "Climbing three times a week sounds lovely.");
        topics.send(Topics.CHAT_OUTBOUND, persona);

        List<String> ids = List.of(elsewhere.id(), question.id(), chatter.id(), more.id(), answer.id(), stray.id(),
                persona.id());
        List<StoredMessage> stored = await().atMost(Duration.ofSeconds(30))
                .until(() -> messages.byIds(ids), turns -> turns.size() == ids.size());
        Map<String, StoredMessage> before = messages.before(stored);

        assertThat(before.get(answer.id()).id()).as("a member's reply: the message replied to").isEqualTo(question.id());
        assertThat(before.get(persona.id()).id()).as("a persona's reply: the message it answers")
                .isEqualTo(question.id());
        assertThat(before.get(more.id()).id()).as("a message that replies to nothing: the one before it")
                .isEqualTo(chatter.id());
        assertThat(before.get(stray.id()).id()).as("a reply to a message of another conversation: the one before it")
                .isEqualTo(answer.id());
        assertThat(before).as("the first turn of a conversation").doesNotContainKey(question.id());
    }

    @Test
    void aTurnIsReadWithTheTurnItAnswersAndTheRepliesToItHoweverFarApart() {
        ConversationId channel = ConversationId.discord("780000000000000002", "781000000000000003");
        List<ChatMessage> said = new ArrayList<>();
        ChatMessage question = said(channel, "783000000000000001", "Ana", "What did you name your sailing boat, Bo?",
                null, 0);
        said.add(question);
        for (int i = 1; i <= 10; i++) {
            said.add(said(channel, "7830000000000001" + (10 + i), "Cy", "Chess club round " + i + ".", null, i));
        }
        ChatMessage answer = said(channel, "783000000000000002", "Bo", "Grey Heron, after the bird.",
                "783000000000000001", 11);
        said.add(answer);
        said.add(said(channel, "783000000000000003", "Cy", "Chess club round 11.", null, 12));
        said.forEach(message -> topics.send(Topics.CHAT_INBOUND, message));
        Reply persona = TestEvents.finalReply(question, "sable", "Sable", "A fine name for a boat.");
        topics.send(Topics.CHAT_OUTBOUND, persona);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> messages.byIds(List.of(answer.id(), persona.id())).size() == 2);

        Map<String, List<String>> linked = messages.around(List.of(question.id(), answer.id())).beside().stream()
                .filter(MessageRepository.Beside::linkedByReply).collect(Collectors.groupingBy(
                        MessageRepository.Beside::anchorId,
                        Collectors.mapping(beside -> beside.turn().id(), Collectors.toList())));

        assertThat(linked.get(question.id())).as("the member's reply eleven turns on, and the persona's")
                .containsExactlyInAnyOrder(answer.id(), persona.id());
        assertThat(linked.get(answer.id())).as("the message it replies to").containsExactly(question.id());
    }

    /** A member's message on Discord, with the id Discord gave it, replying to another one if given, at START + s. */
    private static ChatMessage said(ConversationId channel, String discordId, String name, String content,
            String replyTo, int second) {
        ChatMessage message = TestEvents.discordMessage(channel, "7" + Math.abs(name.hashCode()), name, content);
        return TestEvents.writtenAt(START.plusSeconds(second), new ChatMessage(message.v(),
                ChatMessage.idFor(Platform.DISCORD, discordId), message.traceId(), channel, message.source(),
                message.channelId(), new Author(message.author().id(), name, false), content, replyTo, null, false,
                null, message.stages()));
    }
}
