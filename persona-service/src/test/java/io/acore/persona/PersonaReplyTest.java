package io.acore.persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acore.devstack.StubLlmServer;
import io.acore.devstack.quarkus.KafkaTestResource;
import io.acore.devstack.quarkus.StubLlmTestResource;
import io.acore.devstack.quarkus.TestEvents;
import io.acore.devstack.quarkus.TestProducer;
import io.acore.devstack.quarkus.TopicWatcher;
import io.acore.events.ChatMessage;
import io.acore.events.EventCodec;
import io.acore.events.Reply;
import io.acore.events.ServiceEvent;
import io.acore.events.Topics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StubLlmTestResource.class, scope = TestResourceScope.GLOBAL)
class PersonaReplyTest {
    private static TopicWatcher replies;
    private static TopicWatcher events;
    private static TestProducer producer;

    @BeforeAll
    static void watch() {
        replies = new TopicWatcher(KafkaTestResource.bootstrapServers(), Topics.CHAT_OUTBOUND);
        events = new TopicWatcher(KafkaTestResource.bootstrapServers(), Topics.SERVICE_EVENTS);
        producer = new TestProducer(KafkaTestResource.bootstrapServers());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        replies.close();
        events.close();
        producer.close();
    }

    @Test
    void theNamedPersonaAnswersStreamingFirstThenFinal() throws Exception {
        ChatMessage message = send(TestEvents.webMessage("named", "ada", "Evening @Quill, got a book on tides?"));

        Reply last = awaitFinalReplyTo(message);
        assertThat(last.persona().id()).isEqualTo("quill");
        assertThat(last.persona().name()).isEqualTo("Quill");
        assertThat(last.kind()).isEqualTo(Reply.KIND_PERSONA);
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
    void theDefaultPersonaAnswersWhenNoneIsNamed() throws Exception {
        ChatMessage message = send(TestEvents.webMessage("unnamed", "bo", "is anyone there?"));

        assertThat(awaitFinalReplyTo(message).persona().id()).isEqualTo("sable");
    }

    @Test
    void aChannelCanHaveItsOwnDefaultPersona() throws Exception {
        ChatMessage message = send(TestEvents.webMessage("library", "bo", "where are the atlases?"));

        assertThat(awaitFinalReplyTo(message).persona().id()).isEqualTo("quill");
    }

    @Test
    void withoutMemoryThePersonaStillAnswersAndReportsTheFallback() throws Exception {
        ChatMessage message = send(TestEvents.webMessage("no-memory", "cy", "Juniper, how are the ferns?"));

        assertThat(awaitFinalReplyTo(message).content()).contains("(1 earlier turns in context)");
        await().atMost(Duration.ofSeconds(10)).until(() -> eventsFor(message).stream()
                .anyMatch(e -> e.type().equals(ServiceEvent.MEMORY_FALLBACK)));
        String system = StubLlmTestResource.stub().requests().stream()
                .filter(r -> r.toString().contains("how are the ferns?")).findFirst().orElseThrow()
                .path("messages").path(0).path("content").asText();
        assertThat(system).contains("You are Juniper").doesNotContain("{{char}}").doesNotContain("{{user}}");
    }

    @Test
    void anUnreachableModelGivesANoticeNotTheCharactersVoice() throws Exception {
        StubLlmTestResource.stub().failNext(3);
        ChatMessage message = send(TestEvents.webMessage("model-down", "di", "Marlow, one bowl please"));

        Reply notice = awaitFinalReplyTo(message);
        assertThat(notice.kind()).isEqualTo(Reply.KIND_NOTICE);
        assertThat(notice.content()).contains("can't answer right now");
        assertThat(repliesTo(message)).allSatisfy(r -> assertThat(r.id()).isEqualTo(notice.id()));
        await().atMost(Duration.ofSeconds(10)).until(() -> eventsFor(message).stream()
                .anyMatch(e -> e.type().equals(ServiceEvent.LLM_FAILED) && e.isError()));

        StubLlmTestResource.stub().garbageNext(1);
        ChatMessage again = send(TestEvents.webMessage("model-down", "di", "Marlow? Still there?"));
        Reply quiet = awaitFinalReplyTo(again);
        assertThat(quiet.kind()).as("no second notice inside the cool-down").isEqualTo(Reply.KIND_CANCELLED);
        assertThat(quiet.content()).isEmpty();
    }

    @Test
    void garbageFromTheModelIsAFailureToo() throws Exception {
        StubLlmTestResource.stub().garbageNext(1);
        ChatMessage message = send(TestEvents.webMessage("model-garbage", "ed", "Sable, anything on the radio?"));

        assertThat(awaitFinalReplyTo(message).kind()).isEqualTo(Reply.KIND_NOTICE);
        await().atMost(Duration.ofSeconds(10)).until(() -> eventsFor(message).stream()
                .anyMatch(e -> e.type().equals(ServiceEvent.LLM_FAILED)
                        && String.valueOf(e.detail()).contains("not the OpenAI wire format")));
    }

    private static ChatMessage send(ChatMessage message) throws Exception {
        producer.send(Topics.CHAT_INBOUND, message.conversationId(), EventCodec.encode(message));
        return message;
    }

    private static Reply awaitFinalReplyTo(ChatMessage message) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> repliesTo(message).stream()
                .filter(Reply::isFinal).findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    private static List<Reply> repliesTo(ChatMessage message) {
        return replies.records().stream().map(r -> EventCodec.decode(r.value(), Reply.class))
                .filter(r -> r.inReplyTo().equals(message.id())).toList();
    }

    private static List<ServiceEvent> eventsFor(ChatMessage message) {
        return events.records().stream().map(r -> EventCodec.decode(r.value(), ServiceEvent.class))
                .filter(e -> message.conversationId().equals(e.conversationId())).toList();
    }
}
