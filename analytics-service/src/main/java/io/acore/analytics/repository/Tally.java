package io.acore.analytics.repository;

import java.time.Instant;
import java.util.List;

/**
 * What one event adds to the counts, counted once by its kind and id whoever reads it and however often, at the
 * time its record was written; an error is also kept among the recent ones, and the steps it shows of its
 * message's way through acore on that message's timeline ({@code traceId}, null when it has none).
 */
public record Tally(String kind, String id, Instant at, List<Count> counts, Failure failure, String traceId,
        List<Step> steps) {
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
    /** Members' messages the gateway refused for coming too fast. */
    public static final String RATE_LIMITED = "rate_limited";
    /** Members whose first message of the day (UTC) this is. */
    public static final String ACTIVE_USERS = "active_users";

    public Tally {
        counts = List.copyOf(counts);
        steps = List.copyOf(steps);
    }

    public Tally(String kind, String id, Instant at, Count... counts) {
        this(kind, id, at, List.of(counts), null, null, List.of());
    }

    /** The same, with steps of the message's timeline; a step without a time is left out. */
    public Tally traced(String traceId, List<Step> steps) {
        return new Tally(kind, id, at, counts, failure, traceId,
                steps.stream().filter(step -> step.at() != null).toList());
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

    /** One step of a message's way: what happened, when, in which service, and what there is to say about it. */
    public record Step(String name, Instant at, String service, String detail) {
    }
}
