package io.acore.events;

import java.time.Instant;
import java.util.Map;

/**
 * A persona's answer (topic {@link Topics#CHAT_OUTBOUND}). While the model streams, partial replies carry the
 * text so far with a rising {@code sequence}; the last record of a reply has {@code partial=false}.
 *
 * @param inReplyTo the id of the {@link ChatMessage} answered
 * @param kind      {@link #KIND_PERSONA} for the character speaking, {@link #KIND_NOTICE} for a system notice
 *                  (for example: the model is unreachable), which is never shown as the character's words,
 *                  {@link #KIND_CANCELLED} (final, empty) when a started reply ends with nothing to show
 */
public record Reply(int v, String id, String traceId, String conversationId, String channelId, String inReplyTo,
        PersonaRef persona, String kind, String content, int sequence, boolean partial,
        Map<String, Instant> stages) implements Event {

    public static final String KIND_PERSONA = "persona";
    public static final String KIND_NOTICE = "notice";
    public static final String KIND_CANCELLED = "cancelled";

    public Reply {
        Require.version(v);
        Require.text(id, "id");
        Require.text(traceId, "traceId");
        Require.text(conversationId, "conversationId");
        Require.text(channelId, "channelId");
        Require.text(inReplyTo, "inReplyTo");
        Require.present(persona, "persona");
        Require.text(kind, "kind");
        Require.present(content, "content");
        stages = Stages.orEmpty(stages);
    }

    public boolean isFinal() {
        return !partial;
    }

    public boolean isCancelled() {
        return KIND_CANCELLED.equals(kind);
    }

    public Reply withStage(String stage, Instant at) {
        return new Reply(v, id, traceId, conversationId, channelId, inReplyTo, persona, kind, content, sequence,
                partial, Stages.plus(stages, stage, at));
    }
}
