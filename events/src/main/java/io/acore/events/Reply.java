package io.acore.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A persona's answer (topic {@link Topics#CHAT_OUTBOUND}). While the model streams, partial replies carry the
 * text so far with a rising {@code sequence}; the last record of a reply has {@code partial=false}.
 *
 * @param inReplyTo the id of the {@link ChatMessage} answered
 * @param kind      the character's words, a notice, or cancelled (see {@link ReplyKind})
 * @param restrictedTo the answered message's {@link ChatMessage#restrictedTo}: who alone may read the reply
 */
public record Reply(int v, String id, String traceId, ConversationId conversationId, String channelId,
        String inReplyTo, PersonaRef persona, ReplyKind kind, String content, int sequence, boolean partial,
        String restrictedTo, Map<String, Instant> stages) implements Event {

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

    /**
     * The id of the reply a persona gives to a message: derived from the two, so that an answer generated again
     * (after a restart, or for a message delivered twice) is the same reply, and every consumer sees it once.
     */
    public static String idFor(String messageId, String personaId) {
        return UUID.nameUUIDFromBytes(("reply\u0000" + messageId + "\u0000" + personaId)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    public boolean isFinal() {
        return !partial;
    }

    public boolean isCancelled() {
        return kind == ReplyKind.CANCELLED;
    }

    public Reply withStage(Stage stage, Instant at) {
        return new Reply(v, id, traceId, conversationId, channelId, inReplyTo, persona, kind, content, sequence,
                partial, restrictedTo, stage.addTo(stages, at));
    }
}
