package io.acore.persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.acore.devstack.StubLlmServer;
import io.acore.events.ChatMessage;
import io.acore.events.Reply;
import io.acore.events.ReplyKind;
import io.acore.events.ServiceEvent;
import io.acore.events.Topics;
import io.acore.events.kafka.ReplayedForAnotherGroup;
import io.acore.persona.client.ChatModelClient;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.TestEvents;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.postgres.PostgresResource;
import io.acore.testkit.kafka.KafkaTopics;
import io.acore.testkit.model.ModelScript;
import io.acore.testkit.model.StubModelResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import io.acore.persona.service.StickyConversations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StubModelResource.class, scope = TestResourceScope.GLOBAL)
class PersonaReplyTest {
    @InjectTestResource
    KafkaTopics topics;

    @InjectTestResource
    ModelScript model;

    @Inject
    CircuitBreakerMaintenance circuits;

    @Inject
    StickyConversations sticky;

    @Inject
    DataSource database;

    @AfterEach
    void closeTheModelCircuit() {
        circuits.reset(ChatModelClient.CIRCUIT);
    }

    @Test
    void theNamedPersonaAnswersStreamingFirstThenFinal() {
        ChatMessage message = send(TestEvents.webMessage("named", "ada", "Evening @Quill, got a book on tides?"));

        Reply last = awaitFinalReplyTo(message);
        assertThat(last.persona().id()).isEqualTo("quill");
        assertThat(last.persona().name()).isEqualTo("Quill");
        assertThat(last.kind()).isEqualTo(ReplyKind.PERSONA);
        assertThat(last.content()).startsWith(StubLlmServer.MARK).contains("Evening @Quill, got a book on tides?");
        assertThat(last.traceId()).isEqualTo(message.traceId());
        assertThat(last.stages()).containsKeys("gateway.received", "persona.received", "llm.first-token",
                "llm.completed", "persona.published");
        List<Reply> partials = repliesTo(message).stream().filter(Reply::partial).toList();
        assertThat(partials.get(0).content()).as("the 'started' partial, shown as typing").isEmpty();
        assertThat(partials).hasSizeGreaterThan(1).allSatisfy(partial -> {
            assertThat(partial.id()).isEqualTo(last.id());
            assertThat(partial.sequence()).isLessThan(last.sequence());
            assertThat(last.content()).startsWith(partial.content());
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> eventsFor(message).stream()
                .anyMatch(e -> e.type().equals(ServiceEvent.LLM_COMPLETED) && "quill".equals(e.data().get("persona"))));
    }

    @Test
    void aConversationsMessagesAreAnsweredInOrderEachPromptHoldingTheReplyBefore() {
        ChatMessage first = send(TestEvents.webMessage("in-order", "fay", "Marlow, first question?"));
        ChatMessage second = send(TestEvents.webMessage("in-order", "fay", "Marlow, second question?"));

        Reply firstReply = awaitFinalReplyTo(first);
        awaitFinalReplyTo(second);
        List<Reply> inConversation = topics.events(Topics.CHAT_OUTBOUND, Reply.class).stream()
                .filter(r -> r.conversationId().equals(first.conversationId())).toList();
        int firstDone = inConversation.indexOf(firstReply);
        int secondStarted = inConversation.indexOf(repliesTo(second).get(0));
        assertThat(firstDone).as("the first reply is final before the second one starts").isLessThan(secondStarted);
        String secondPrompt = model.requests().stream().filter(r -> asked(r).endsWith("second question?"))
                .findFirst().orElseThrow().path("messages").toString();
        assertThat(secondPrompt).contains("first question?").contains(firstReply.content().replace("\"", "\\\""));
    }

    @Test
    void aMessageDeliveredTwiceIsAnsweredOnceUnderAnIdFromMessageAndPersona() {
        ChatMessage message = send(TestEvents.webMessage("twice", "gil", "Juniper, one answer please"));
        send(message);
        ChatMessage after = send(TestEvents.webMessage("twice", "gil", "Juniper, and this one?"));

        Reply reply = awaitFinalReplyTo(message);
        awaitFinalReplyTo(after);
        assertThat(reply.id()).isEqualTo(Reply.idFor(message.id(), "juniper"));
        assertThat(repliesTo(message)).filteredOn(Reply::isFinal).hasSize(1);
        assertThat(model.requests()).filteredOn(r -> asked(r).endsWith("one answer please")).hasSize(1);
    }

    @Test
    void aFollowUpReadAgainAfterItsWriterMovedOnGoesToThePersonaItWentToTheFirstTime() {
        Instant start = Instant.now().minus(Duration.ofMinutes(3));
        send(TestEvents.writtenAt(start, TestEvents.webMessage("read-again", "ivy", "Quill, what moves the tides?")));
        ChatMessage followUp = send(TestEvents.writtenAt(start.plusSeconds(60),
                TestEvents.webMessage("read-again", "ivy", "and the moon, how far is it?")));
        assertThat(awaitFinalReplyTo(followUp).persona().id()).isEqualTo("quill");
        ChatMessage moved = send(TestEvents.writtenAt(start.plusSeconds(120),
                TestEvents.webMessage("read-again", "ivy", "Marlow, what is for dinner?")));
        awaitFinalReplyTo(moved);

        assertThat(sticky.current(followUp, true)).as("decided by the follow-up's own time, from the shared record")
                .hasValue("quill");
        send(followUp);
        ChatMessage next = send(TestEvents.writtenAt(start.plusSeconds(130),
                TestEvents.webMessage("read-again", "ivy", "and for dessert?")));
        assertThat(awaitFinalReplyTo(next).persona().id()).isEqualTo("marlow");
        assertThat(repliesTo(followUp)).filteredOn(Reply::isFinal).extracting(reply -> reply.persona().id())
                .containsExactly("quill");
    }

    @Test
    void aMessageAnsweredOnAnotherReplicaIsNotAnsweredAgain() throws SQLException {
        ChatMessage answeredElsewhere = TestEvents.webMessage("answered-elsewhere", "jo", "Sable, once only");
        try (Connection connection = database.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO persona.answered (message_id, reply_id) VALUES (?, ?)")) {
            insert.setString(1, answeredElsewhere.id());
            insert.setString(2, Reply.idFor(answeredElsewhere.id(), "sable"));
            insert.executeUpdate();
        }
        send(answeredElsewhere);
        awaitFinalReplyTo(send(TestEvents.webMessage("answered-elsewhere", "jo", "Sable, and now?")));

        assertThat(repliesTo(answeredElsewhere)).isEmpty();
        assertThat(model.requests()).noneMatch(request -> asked(request).endsWith("once only"));
    }

    @Test
    void aDeadLetterReplayedForAnotherServiceIsNotAnsweredAgain() {
        ChatMessage failedInMemory = TestEvents.webMessage("replayed", "kai", "Sable, answered the first time");
        topics.send(Topics.CHAT_INBOUND, failedInMemory, ReplayedForAnotherGroup.HEADER, "memory-service.chat-inbound");
        ChatMessage failedHere = TestEvents.webMessage("replayed", "kai", "Sable, failed here the first time");
        topics.send(Topics.CHAT_INBOUND, failedHere, ReplayedForAnotherGroup.HEADER, "persona-service.chat-inbound");

        awaitFinalReplyTo(failedHere);
        assertThat(repliesTo(failedInMemory)).isEmpty();
    }

    @Test
    void aReplyInAChannelOnlySomeCanReadSaysSoLikeTheMessage() {
        ChatMessage message = send(TestEvents.restrictedTo("740000000000000002", TestEvents.discordMessage(
                io.acore.events.ConversationId.discord("740000000000000001", "740000000000000002"),
                "740000000000000003", "mod", "Sable, between us?")));

        assertThat(awaitFinalReplyTo(message).restrictedTo()).isEqualTo("740000000000000002");
        assertThat(repliesTo(message)).allSatisfy(reply -> assertThat(reply.restrictedTo()).isEqualTo("740000000000000002"));
    }

    @Test
    void theDefaultPersonaAnswersWhenNoneIsNamed() {
        ChatMessage message = send(TestEvents.webMessage("unnamed", "bo", "is anyone there?"));

        assertThat(awaitFinalReplyTo(message).persona().id()).isEqualTo("sable");
    }

    @Test
    void aChannelCanHaveItsOwnDefaultPersona() {
        ChatMessage message = send(TestEvents.webMessage("library", "bo", "where are the atlases?"));

        assertThat(awaitFinalReplyTo(message).persona().id()).isEqualTo("quill");
    }

    @Test
    void withoutMemoryThePersonaStillAnswersAndReportsTheFallback() {
        ChatMessage message = send(TestEvents.webMessage("no-memory", "cy", "Juniper, how are the ferns?"));

        assertThat(awaitFinalReplyTo(message).content()).contains("(1 earlier turns in context)");
        await().atMost(Duration.ofSeconds(10)).until(() -> eventsFor(message).stream()
                .anyMatch(e -> e.type().equals(ServiceEvent.MEMORY_FALLBACK)));
        String system = model.requests().stream()
                .filter(r -> r.toString().contains("how are the ferns?")).findFirst().orElseThrow()
                .path("messages").path(0).path("content").asText();
        assertThat(system).contains("You are Juniper").doesNotContain("{{char}}").doesNotContain("{{user}}");
    }

    @Test
    void anUnreachableModelGivesANoticeNotTheCharactersVoice() {
        model.failNext(1000);
        ChatMessage message = send(TestEvents.webMessage("model-down", "di", "Marlow, one bowl please"));

        Reply notice = awaitFinalReplyTo(message);
        model.failNext(0);
        assertThat(notice.kind()).isEqualTo(ReplyKind.NOTICE);
        assertThat(notice.content()).contains("can't answer right now");
        assertThat(repliesTo(message)).allSatisfy(r -> assertThat(r.id()).isEqualTo(notice.id()));
        await().atMost(Duration.ofSeconds(10)).until(() -> eventsFor(message).stream()
                .anyMatch(e -> e.type().equals(ServiceEvent.LLM_FAILED) && e.isError()));

        model.garbageNext(1);
        ChatMessage again = send(TestEvents.webMessage("model-down", "di", "Marlow? Still there?"));
        Reply later = awaitFinalReplyTo(again);
        assertThat(later.kind()).as("no second notice inside the cool-down: it waits for the model and answers")
                .isEqualTo(ReplyKind.PERSONA);
        assertThat(later.content()).contains("Marlow? Still there?");
    }

    @Test
    void aFullModelServerIsWaitedForNotTakenForDown() {
        model.busyNext(12);
        ChatMessage message = send(TestEvents.webMessage("model-busy", "fay", "Juniper, are you there?"));

        Reply reply = awaitFinalReplyTo(message);
        assertThat(reply.kind()).as("answered once the server had room, not told the model is down")
                .isEqualTo(ReplyKind.PERSONA);
        assertThat(reply.content()).contains("Juniper, are you there?");
        assertThat(circuits.currentState(ChatModelClient.CIRCUIT)).isEqualTo(CircuitBreakerState.CLOSED);
    }

    @Test
    void garbageFromTheModelIsAFailureToo() {
        model.garbageNext(1000);
        ChatMessage message = send(TestEvents.webMessage("model-garbage", "ed", "Sable, anything on the radio?"));

        assertThat(awaitFinalReplyTo(message).kind()).isEqualTo(ReplyKind.NOTICE);
        model.garbageNext(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> eventsFor(message).stream()
                .anyMatch(e -> e.type().equals(ServiceEvent.LLM_FAILED)
                        && String.valueOf(e.detail()).contains("not the OpenAI wire format")));
    }

    /** What the user asks in a prompt: its last user turn. */
    private static String asked(JsonNode request) {
        JsonNode turns = request.path("messages");
        for (int i = turns.size() - 1; i >= 0; i--) {
            if ("user".equals(turns.get(i).path("role").asText())) {
                return turns.get(i).path("content").asText();
            }
        }
        return "";
    }

    private ChatMessage send(ChatMessage message) {
        topics.send(Topics.CHAT_INBOUND, message);
        return message;
    }

    private Reply awaitFinalReplyTo(ChatMessage message) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> repliesTo(message).stream()
                .filter(Reply::isFinal).findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    private List<Reply> repliesTo(ChatMessage message) {
        return topics.events(Topics.CHAT_OUTBOUND, Reply.class).stream()
                .filter(r -> r.inReplyTo().equals(message.id())).toList();
    }

    private List<ServiceEvent> eventsFor(ChatMessage message) {
        return topics.events(Topics.SERVICE_EVENTS, ServiceEvent.class).stream()
                .filter(e -> message.conversationId().equals(e.conversationId())).toList();
    }
}
