package io.acore.events;

import java.time.Instant;
import java.util.Map;

/** What every record on an acore topic carries. */
public interface Event {
    int SCHEMA_VERSION = 1;

    int v();

    String id();

    String traceId();

    Map<String, Instant> stages();
}
