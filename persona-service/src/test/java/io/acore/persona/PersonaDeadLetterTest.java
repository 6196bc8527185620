package io.acore.persona;

import static org.awaitility.Awaitility.await;

import io.acore.devstack.quarkus.KafkaTestResource;
import io.acore.devstack.quarkus.StubLlmTestResource;
import io.acore.devstack.quarkus.TestEvents;
import io.acore.devstack.quarkus.TestProducer;
import io.acore.devstack.quarkus.TopicWatcher;
import io.acore.events.ChatMessage;
import io.acore.events.EventCodec;
import io.acore.events.Reply;
import io.acore.events.Topics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StubLlmTestResource.class, scope = TestResourceScope.GLOBAL)
class PersonaDeadLetterTest {

    @Test
    void aMalformedMessageIsDeadLetteredWithItsReasonAndTheNextIsAnswered() throws Exception {
        String bootstrap = KafkaTestResource.bootstrapServers();
        try (TopicWatcher deadLetters = new TopicWatcher(bootstrap, Topics.DEAD_LETTER);
                TopicWatcher replies = new TopicWatcher(bootstrap, Topics.CHAT_OUTBOUND);
                TestProducer producer = new TestProducer(bootstrap)) {
            producer.send(Topics.CHAT_INBOUND, "persona-poison", "{\"v\":1,\"id\":\"x\",\"content\":\"no author\"}");
            ChatMessage good = TestEvents.webMessage("after-poison", "fay", "hello?");
            producer.send(Topics.CHAT_INBOUND, good.conversationId(), EventCodec.encode(good));

            await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters.records().stream()
                    .anyMatch(r -> "persona-poison".equals(r.key()) && r.headers().lastHeader("dead-letter-reason") != null
                            && new String(r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8)
                                    .contains("is required")));
            await().atMost(Duration.ofSeconds(20)).until(() -> replies.records().stream()
                    .map(r -> EventCodec.decode(r.value(), Reply.class))
                    .anyMatch(r -> r.inReplyTo().equals(good.id()) && r.isFinal()));
        }
    }
}
