package io.acore.gateway.discord;

import static org.awaitility.Awaitility.await;

import io.acore.events.ChatMessage;
import io.acore.events.ConversationId;
import io.acore.events.Delivery;
import io.acore.events.EventCodec;
import io.acore.events.PersonaRef;
import io.acore.events.Reply;
import io.acore.events.ReplyKind;
import io.acore.events.Topics;
import io.acore.testkit.TestEvents;
import io.acore.testkit.discord.FakeDiscord;
import io.acore.testkit.kafka.KafkaTopics;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Replies as persona-service sends them to the gateway, and what became of them: their delivery records, and the
 * Discord messages they name.
 */
final class Deliveries {
    private Deliveries() {
    }

    /** A final reply in the channel, answering a message of no importance to the test. */
    static Reply reply(ConversationId conversation, String channelId, PersonaRef persona, ReplyKind kind,
            String content) {
        ChatMessage asked = TestEvents.webMessage("unused", "ada", "hi");
        return new Reply(asked.v(), EventCodec.newId(), asked.traceId(), conversation, channelId, asked.id(), persona,
                kind, content, 3, false, null, asked.stages());
    }

    /** Another record of the same reply: a partial one, or the final one as something else. */
    static Reply recordOf(Reply reply, ReplyKind kind, String content, int sequence, boolean partial) {
        return new Reply(reply.v(), reply.id(), reply.traceId(), reply.conversationId(), reply.channelId(),
                reply.inReplyTo(), reply.persona(), kind, content, sequence, partial, reply.restrictedTo(),
                reply.stages());
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
