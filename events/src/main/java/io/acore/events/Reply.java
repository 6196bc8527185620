package io.acore.events;

import java.time.Instant;
import java.util.Map;

/**
 * A persona's answer (topic {@link Topics#CHAT_OUTBOUND}). While the model streams, partial replies carry the
 * text so far with a rising {@code sequence}; the last record of a reply has {@code partial=false}.
 *
 * @param inReplyTo the id of the {@link ChatMessage} answered
 * @param kind      the character's words, a notice, or cancelled (see {@link ReplyKind})
 */
public record Reply(int v, String id, String traceId, ConversationId conversationId, String channelId,
        String inReplyTo, PersonaRef persona, ReplyKind kind, String content, int sequence, boolean partial,
        Map<String, Instant> stages) implements Event {

    public Reply {
        Require.version(v);
        Require.text(id, "id");
        Require.text(traceId, "traceId");
        Require.present(conversationId, "conversationId");
        Require.text(channelId, "channelId");
        Require.text(inReplyTo, "inReplyTo");
        Require.present(persona, "persona");
        Require.present(kind, "kind");
        Require.present(content, "content");
        stages = Stage.copyOf(stages);
    }

    public boolean isFinal() {
        return !partial;
    }

    public boolean isCancelled() {
        return kind == ReplyKind.CANCELLED;
    }

    public Reply withStage(Stage stage, Instant at) {
        return new Reply(v, id, traceId, conversationId, channelId, inReplyTo, persona, kind, content, sequence,
                partial, stage.addTo(stages, at));
    }
}
