package io.acore.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Something memory learned or let go of (topic {@link Topics#MEMORY_EVENTS}, keyed by scope), for analytics, and for
 * persona-service, which drops an erased user's turns from its own recent-turn cache. It names no user (an erasure
 * carries {@link #AUTHOR_DIGEST}, the SHA-256 of the erased user's id, which only a holder of that id can match) and
 * quotes nothing a user said: it outlives an erasure.
 *
 * @param type  what happened, for example {@link #SUMMARY_MADE}
 * @param scope the memory scope it happened in ({@code discord:<guild>}, or a DM's or web session's conversation)
 * @param data  counts that go with the type
 */
public record MemoryEvent(int v, String id, String traceId, String type, String scope, Map<String, Object> data,
        Map<String, Instant> stages) implements Event {

    public static final String FACT_LEARNED = "fact.learned";
    public static final String FACT_UPDATED = "fact.updated";
    public static final String FACT_FORGOTTEN = "fact.forgotten";
    public static final String SUMMARY_MADE = "summary.made";
    public static final String USER_FORGOTTEN = "user.forgotten";
    /** A member's deleted message erased from memory ({@link #MESSAGE_ID}), once the database no longer holds it. */
    public static final String MESSAGE_DELETED = "message.deleted";
    /** In a {@link #MESSAGE_DELETED} event's data: the id of the chat message, as on {@link Topics#CHAT_INBOUND}. */
    public static final String MESSAGE_ID = "messageId";
    /**
     * The thinking model judged how warmly a member treated a persona in turns it read ({@link #WARMTH}, over
     * {@code turns} turns), in {@code conversationId}, for {@code personaId} and {@link #AUTHOR_DIGEST}.
     */
    public static final String WARMTH_JUDGED = "warmth.judged";
    /** In a {@link #WARMTH_JUDGED} event's data: from -2 (hostile) to 2 (warm). */
    public static final String WARMTH = "warmth";
    /** In a {@link #USER_FORGOTTEN} or {@link #WARMTH_JUDGED} event's data: {@link Sha256#hex} of the user's id. */
    public static final String AUTHOR_DIGEST = "authorDigest";

    public MemoryEvent {
        Require.version(v);
        Require.text(id, "id");
        Require.text(traceId, "traceId");
        Require.text(type, "type");
        Require.text(scope, "scope");
        data = data == null ? Map.of() : Map.copyOf(data);
        stages = Stage.copyOf(stages);
    }

    /** The id of the event for what happened to {@code subject}: the same when the same work is done again. */
    public static String idFor(String type, String subject) {
        return UUID.nameUUIDFromBytes((type + "\u0000" + subject).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
