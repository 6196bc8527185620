package io.acore.analytics.repository;

import java.time.Instant;
import java.util.List;

/**
 * What one event adds to the counts, counted once by its kind and id whoever reads it and however often, at the
 * time its record was written; an error is also kept among the recent ones.
 */
public record Tally(String kind, String id, Instant at, List<Count> counts, Failure failure) {
    public static final String MESSAGES = "messages";
    /** Labelled by persona. */
    public static final String REPLIES = "replies";
    public static final String NOTICES = "notices";
    public static final String DELIVERIES = "deliveries";
    /** Labelled by the service or topic the error came from. */
    public static final String ERRORS = "errors";
    /** Labelled by the topic the record was on. */
    public static final String DEAD_LETTERS = "dead_letters";
    /** Model requests answered or failed, labelled by persona. */
    public static final String MODEL_REQUESTS = "model_requests";
    /** Labelled "persona/model". */
    public static final String PROMPT_TOKENS = "prompt_tokens";
    public static final String COMPLETION_TOKENS = "completion_tokens";
    /** Labelled by type ({@code MemoryEvent} types). */
    public static final String MEMORY_EVENTS = "memory_events";
    /** Members whose first message of the day (UTC) this is. */
    public static final String ACTIVE_USERS = "active_users";

    public Tally {
        counts = List.copyOf(counts);
    }

    public Tally(String kind, String id, Instant at, Count... counts) {
        this(kind, id, at, List.of(counts), null);
    }

    /** {@code amount} more of {@code metric} for {@code label} ("" when the metric has none). */
    public record Count(String metric, String label, long amount) {
        public static Count one(String metric) {
            return new Count(metric, "", 1);
        }

        public static Count one(String metric, String label) {
            return new Count(metric, label == null ? "" : label, 1);
        }
    }

    /** An error: where it came from, what kind, and what it said. */
    public record Failure(String source, String type, String detail) {
    }
}
