package io.acore.persona;

import static org.awaitility.Awaitility.await;

import io.acore.events.ChatMessage;
import io.acore.events.Reply;
import io.acore.events.Topics;
import io.acore.testkit.InjectTestResource;
import io.acore.testkit.TestEvents;
import io.acore.testkit.kafka.KafkaResource;
import io.acore.testkit.postgres.PostgresResource;
import io.acore.testkit.kafka.KafkaTopics;
import io.acore.testkit.model.StubModelResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StubModelResource.class, scope = TestResourceScope.GLOBAL)
class PersonaDeadLetterTest {
    @InjectTestResource
    KafkaTopics topics;

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
