package io.acore.persona;

import static org.awaitility.Awaitility.await;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.acore.testkit.kafka.KafkaRecords;
import io.acore.testkit.TestEvents;
import io.acore.testkit.model.StubModelResource;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.events.ChatMessage;
import io.acore.events.Reply;
import io.acore.events.Topics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StubModelResource.class, scope = TestResourceScope.GLOBAL)
class PersonaDeadLetterTest {
    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Test
    void aMalformedMessageIsDeadLetteredWithItsReasonAndTheNextIsAnswered() {
        try (ConsumerTask<String, String> deadLetters = KafkaRecords.watch(kafka, Topics.DEAD_LETTER);
                ConsumerTask<String, String> replies = KafkaRecords.watch(kafka, Topics.CHAT_OUTBOUND)) {
            KafkaRecords.send(kafka, Topics.CHAT_INBOUND, "persona-poison", "{\"v\":1,\"id\":\"x\",\"content\":\"no author\"}");
            ChatMessage good = TestEvents.webMessage("after-poison", "fay", "hello?");
            KafkaRecords.send(kafka, Topics.CHAT_INBOUND, good);

            await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters.getRecords().stream()
                    .anyMatch(r -> "persona-poison".equals(r.key())
                            && KafkaRecords.deadLetterReason(r).contains("is required")));
            await().atMost(Duration.ofSeconds(20)).until(() -> KafkaRecords.decoded(replies, Reply.class).stream()
                    .anyMatch(r -> r.inReplyTo().equals(good.id()) && r.isFinal()));
        }
    }
}
