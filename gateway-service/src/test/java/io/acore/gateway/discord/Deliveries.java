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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

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

    /**
     * A claim another gateway process holds, last extended {@code quietFor} ago (a PostgreSQL interval), with the
     * message it noted ({@code null}: none) — as a process left it when it was killed, or while it still posts. With
     * {@code aboutToPostNext} it had noted, then, that it was about to post the next piece.
     */
    static void claimedByAnotherProcess(DataSource database, Reply reply, String quietFor, String messageId,
            boolean streamed, boolean aboutToPostNext) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement claim = connection.prepareStatement("INSERT INTO gateway.discord_delivery"
                        + " (reply_id, conversation_id, status, instance_id, process_id, claimed_at, first_claimed_at,"
                        + " message_ids, streamed, intent_piece, intent_at) VALUES (?, ?, 'posting',"
                        + " 'gateway-service-9', 'another-process', now() - CAST(? AS interval),"
                        + " now() - CAST(? AS interval) - interval '1 second', ?, ?, ?,"
                        + " CASE WHEN ? THEN now() - CAST(? AS interval) END)")) {
            claim.setString(1, reply.id());
            claim.setString(2, reply.conversationId().toString());
            claim.setString(3, quietFor);
            claim.setString(4, quietFor);
            claim.setArray(5, connection.createArrayOf("text", messageId == null ? new String[0]
                    : new String[] {messageId}));
            claim.setBoolean(6, streamed);
            claim.setObject(7, aboutToPostNext ? Integer.valueOf(messageId == null ? 0 : 1) : null,
                    Types.INTEGER);
            claim.setBoolean(8, aboutToPostNext);
            claim.setString(9, quietFor);
            claim.executeUpdate();
        }
    }
}
