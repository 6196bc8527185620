package io.acore.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Something memory learned or let go of (topic {@link Topics#MEMORY_EVENTS}, keyed by scope), for analytics. It
 * names no user and quotes nothing a user said: it outlives an erasure.
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
