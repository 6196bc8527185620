package io.acore.persona;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.acore.events.ChatMessage;
import io.acore.events.Reply;
import io.acore.events.ReplyKind;
import io.acore.events.api.ContextRequest;
import io.acore.events.llm.ChatTurn;
import io.acore.events.llm.Completion;
import io.acore.persona.client.ModelTuning;
import io.acore.persona.service.ConversationMemory;
import io.acore.persona.model.ModelCalls;
import io.acore.events.Topics;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.TestEvents;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.postgres.PostgresResource;
import io.acore.testkit.kafka.KafkaTopics;
import io.acore.testkit.model.StubModelResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StubModelResource.class, scope = TestResourceScope.GLOBAL)
class PersonaDeadLetterTest {
    @InjectTestResource
    KafkaTopics topics;

    @Test
    void aFailureBeforeTypingStartedEndsWithANoticeAloneAndDeadLettersTheMessage() {
        QuarkusMock.installMockForType(new ConversationMemory(null) {
            @Override
            public Remembered context(ContextRequest request) {
                throw new IllegalStateException("injected before started");
            }
        }, ConversationMemory.class);
        ChatMessage message = TestEvents.webMessage("failed-before-started", "gus", "Sable, are you there?");
        topics.send(Topics.CHAT_INBOUND, message);

        List<Reply> replies = finalReplyTo(message);
        assertThat(replies).singleElement().satisfies(notice -> {
            assertThat(notice.kind()).isEqualTo(ReplyKind.NOTICE);
            assertThat(notice.content()).contains("could not answer");
        });
        awaitDeadLetter(message, "injected before started");
    }

    @Test
    void aFailureAfterTypingStartedEndsTheTypingReplyWithANoticeAndDeadLettersTheMessage() {
        QuarkusMock.installMockForType(new ModelCalls(null, null, null) {
            @Override
            public Instant deadlineFromNow() {
                return Instant.now().plusSeconds(30);
            }

            @Override
            public Completion complete(List<ChatTurn> messages, ModelTuning tuning, Consumer<String> textSoFar,
                    Instant deadline) {
                throw new IllegalStateException("injected after started");
            }
        }, ModelCalls.class);
        ChatMessage message = TestEvents.webMessage("failed-after-started", "gus", "Sable, are you there?");
        topics.send(Topics.CHAT_INBOUND, message);

        List<Reply> replies = finalReplyTo(message);
        assertThat(replies.get(0).partial()).as("typing shown first").isTrue();
        assertThat(replies).filteredOn(Reply::isFinal).singleElement().satisfies(last -> {
            assertThat(last.kind()).isEqualTo(ReplyKind.NOTICE);
            assertThat(last.id()).as("the typing reply ends").isEqualTo(replies.get(0).id());
            assertThat(last.content()).contains("could not answer");
        });
        awaitDeadLetter(message, "injected after started");
    }

    private List<Reply> finalReplyTo(ChatMessage message) {
        await().atMost(Duration.ofSeconds(20)).until(() -> topics.events(Topics.CHAT_OUTBOUND, Reply.class).stream()
                .anyMatch(r -> r.inReplyTo().equals(message.id()) && r.isFinal()));
        return topics.events(Topics.CHAT_OUTBOUND, Reply.class).stream()
                .filter(r -> r.inReplyTo().equals(message.id())).toList();
    }

    private void awaitDeadLetter(ChatMessage message, String reason) {
        await().atMost(Duration.ofSeconds(20)).until(() -> topics.records(Topics.DEAD_LETTER).stream()
                .anyMatch(r -> r.value().contains(message.id())
                        && KafkaTopics.deadLetterReason(r).contains(reason)));
    }

    @Test
    void aMalformedMessageIsDeadLetteredWithItsReasonAndTheNextIsAnswered() {
        topics.send(Topics.CHAT_INBOUND, "persona-poison", "{\"v\":1,\"id\":\"x\",\"content\":\"no author\"}");
        ChatMessage good = TestEvents.webMessage("after-poison", "fay", "hello?");
        topics.send(Topics.CHAT_INBOUND, good);

        await().atMost(Duration.ofSeconds(20)).until(() -> topics.records(Topics.DEAD_LETTER).stream()
                .anyMatch(r -> "persona-poison".equals(r.key())
                        && KafkaTopics.deadLetterReason(r).contains("is required")));
        await().atMost(Duration.ofSeconds(20)).until(() -> topics.events(Topics.CHAT_OUTBOUND, Reply.class).stream()
                .anyMatch(r -> r.inReplyTo().equals(good.id()) && r.isFinal()));
    }
}
