package io.acore.analytics.service;

import io.acore.analytics.repository.Tally;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * What this replica has counted since it started, exported to Prometheus (whose {@code rate()} and {@code sum} over
 * replicas need nothing more); the totals every replica agrees on are in {@link
 * io.acore.analytics.repository.ActivityStore}.
 */
@Startup
@ApplicationScoped
public class ActivityCounters {
    /** A Prometheus counter, and the tag a count's label goes in (null: none). */
    private record Meter(String name, String tag) {
    }

    private static final Map<String, List<Meter>> METERS = Map.of(
            Tally.MESSAGES, List.of(new Meter("acore.analytics.messages", null)),
            Tally.REPLIES, List.of(new Meter("acore.analytics.replies", null),
                    new Meter("acore.analytics.persona.replies", "persona")),
            Tally.NOTICES, List.of(new Meter("acore.analytics.notices", null)),
            Tally.DELIVERIES, List.of(new Meter("acore.analytics.deliveries", null)),
            Tally.ERRORS, List.of(new Meter("acore.analytics.errors", null)),
            Tally.DEAD_LETTERS, List.of(new Meter("acore.analytics.dead.letters", null)),
            Tally.MODEL_REQUESTS, List.of(new Meter("acore.analytics.llm.requests", null)),
            Tally.MEMORY_EVENTS, List.of(new Meter("acore.analytics.memory.events", "type")));

    private final MeterRegistry registry;

    public ActivityCounters(MeterRegistry registry) {
        this.registry = registry;
        METERS.values().stream().flatMap(List::stream).filter(meter -> meter.tag() == null)
                .forEach(meter -> registry.counter(meter.name()));
    }

    /** An event counted for the first time, by this replica. */
    public void counted(Tally tally) {
        for (Tally.Count count : tally.counts()) {
            for (Meter meter : METERS.getOrDefault(count.metric(), List.of())) {
                (meter.tag() == null ? registry.counter(meter.name())
                        : registry.counter(meter.name(), meter.tag(), count.label())).increment(count.amount());
            }
        }
    }
}
