package io.acore.memory;

import static org.awaitility.Awaitility.await;

import io.acore.events.ConversationId;
import io.acore.events.Topics;
import io.acore.memory.repository.EmbeddingQueue;
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
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
class EmbeddingQueueTest {
    private static final String GUILD = "700000000000000031";
    private static final String MEMBER = "800000000000000031";

    @InjectTestResource
    KafkaTopics topics;

    @Inject
    EmbeddingQueue queue;

    @Test
    void aBatchOfTurnsTooShortToEmbedDoesNotHoldUpTheTurnsAfterIt() {
        ConversationId channel = ConversationId.discord(GUILD, "710000000000000031");
        for (int i = 0; i < 80; i++) {
            topics.send(Topics.CHAT_INBOUND, TestEvents.discordMessage(channel, MEMBER, "Mo", "ok " + i));
        }
        topics.send(Topics.CHAT_INBOUND, TestEvents.discordMessage(channel, MEMBER, "Mo",
                "My grandmother grew tomatoes on the balcony every summer."));

        await().atMost(Duration.ofSeconds(60)).until(() -> queue.countToEmbed() == 0);
    }
}
