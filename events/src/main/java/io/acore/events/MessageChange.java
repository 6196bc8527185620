package io.acore.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A member changed what they wrote (topic {@link Topics#CHAT_CHANGES}, keyed by conversation): deleted it, or edited
 * it to {@code content}. memory-service erases a deleted message with what was derived from it alone, and remembers
 * an edited one as edited.
 *
 * @param messageId the {@link ChatMessage#id} of the message changed
 * @param change    what happened to it
 * @param content   the text it has now; null when deleted
 */
public record MessageChange(int v, String id, String traceId, ConversationId conversationId, String messageId,
        Change change, String content, Map<String, Instant> stages) implements Event {

    /** What happened to the message. */
    public enum Change {
        EDITED, DELETED
    }

    public MessageChange {
        Require.version(v);
        Require.text(id, "id");
        Require.text(traceId, "traceId");
        Require.present(conversationId, "conversationId");
        Require.text(messageId, "messageId");
        Require.present(change, "change");
        if (change == Change.EDITED) {
            Require.present(content, "content");
        }
        stages = Stage.copyOf(stages);
    }

    /** A change's id follows from what changed and how: the same edit or deletion seen twice is one change. */
    public static String idFor(String messageId, Change change, String content) {
        return UUID.nameUUIDFromBytes(("change\u0000" + messageId + "\u0000" + change + "\u0000"
                + (content == null ? "" : content)).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
