package io.acore.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An immutable, insertion-ordered map of stage name to the instant the record passed it. */
public final class Stages {
    private Stages() {
    }

    public static Map<String, Instant> of(String stage, Instant at) {
        return plus(Map.of(), stage, at);
    }

    public static Map<String, Instant> plus(Map<String, Instant> stages, String stage, Instant at) {
        Map<String, Instant> copy = new LinkedHashMap<>(stages == null ? Map.of() : stages);
        copy.put(stage, at);
        return Collections.unmodifiableMap(copy);
    }

    static Map<String, Instant> orEmpty(Map<String, Instant> stages) {
        return stages == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(stages));
    }
}
