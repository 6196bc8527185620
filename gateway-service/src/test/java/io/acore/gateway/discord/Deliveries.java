package io.acore.gateway.discord;

import static org.awaitility.Awaitility.await;

import io.acore.events.Delivery;
import io.acore.events.Reply;
import io.acore.events.Topics;
import io.acore.testkit.discord.FakeDiscord;
import io.acore.testkit.kafka.KafkaTopics;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What became of replies sent to the gateway: their delivery records, and the Discord messages they name. */
final class Deliveries {
    private Deliveries() {
    }

    static Delivery awaitDelivery(KafkaTopics topics, Reply reply, Duration atMost) {
        return await().atMost(atMost).until(() -> topics.events(Topics.DELIVERY, Delivery.class).stream()
                .filter(d -> d.replyId().equals(reply.id())).findFirst(), Optional::isPresent).orElseThrow();
    }

    /** The messages a delivery names, in its order. */
    static List<FakeDiscord.PostedMessage> messagesOf(FakeDiscord discord, Delivery delivery) {
        return delivery.platformMessageIds().stream().map(id -> discord.postedMessages().stream()
                .filter(p -> p.messageId().equals(id)).findFirst().orElseThrow()).toList();
    }
}
