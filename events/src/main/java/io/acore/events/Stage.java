package io.acore.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stages a record passes on its way through acore, in order. Each record carries the instants it passed
 * them as an immutable, insertion-ordered map from the stage's {@link #key()} to the instant.
 */
public enum Stage {
    GATEWAY_RECEIVED("gateway.received"),
    GATEWAY_PUBLISHED("gateway.published"),
    PERSONA_RECEIVED("persona.received"),
    MEMORY_RECALLED("memory.recalled"),
    LLM_REQUESTED("llm.requested"),
    LLM_FIRST_TOKEN("llm.first-token"),
    LLM_COMPLETED("llm.completed"),
    PERSONA_PUBLISHED("persona.published"),
    GATEWAY_DELIVERED("gateway.delivered");

    private final String key;

    Stage(String key) {
        this.key = key;
    }

    /** The name of the stage in a record's {@code stages}. */
    public String key() {
        return key;
    }

    /** Stage instants that begin with this stage. */
    public Map<String, Instant> first(Instant at) {
        return addTo(Map.of(), at);
    }

    /** A copy of {@code stages} with this stage passed at {@code at}. */
    public Map<String, Instant> addTo(Map<String, Instant> stages, Instant at) {
        Map<String, Instant> copy = new LinkedHashMap<>(stages == null ? Map.of() : stages);
        copy.put(key, at);
        return Collections.unmodifiableMap(copy);
    }

    /** When the record passed this stage, if it did. */
    public Optional<Instant> in(Map<String, Instant> stages) {
        return Optional.ofNullable(stages.get(key));
    }

    static Map<String, Instant> copyOf(Map<String, Instant> stages) {
        return stages == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(stages));
    }
}
