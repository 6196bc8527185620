package io.acore.analytics.service;

import io.acore.analytics.repository.Tally;
import io.acore.events.metrics.Meters;
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
    /** A Prometheus counter, its help text, and the tag a count's label goes in (null: none). */
    private record Meter(String name, String help, String tag) {
    }

    private static final Map<String, List<Meter>> METERS = Map.of(
            Tally.MESSAGES, List.of(new Meter("acore.analytics.messages", "members' messages counted here", null)),
            Tally.REPLIES, List.of(new Meter("acore.analytics.replies", "persona replies counted here", null),
                    new Meter("acore.analytics.persona.replies", "persona replies counted here, by persona",
                            "persona")),
            Tally.NOTICES, List.of(new Meter("acore.analytics.notices", "notices to conversations counted here", null)),
            Tally.DELIVERIES, List.of(new Meter("acore.analytics.deliveries",
                    "replies delivered or given up on, counted here", null)),
            Tally.ERRORS, List.of(new Meter("acore.analytics.errors",
                    "errors (failed deliveries, service errors, dead letters) counted here", null)),
            Tally.DEAD_LETTERS, List.of(new Meter("acore.analytics.dead.letters",
                    "records a consumer gave up on, counted here", null)),
            Tally.MODEL_REQUESTS, List.of(new Meter("acore.analytics.llm.requests",
                    "model requests, answered or failed, counted here", null)),
            Tally.MEMORY_EVENTS, List.of(new Meter("acore.analytics.memory.events",
                    "what memory learned or let go of, by type, counted here", "type")));

    private final MeterRegistry registry;

    public ActivityCounters(MeterRegistry registry) {
        this.registry = registry;
        METERS.values().stream().flatMap(List::stream).filter(meter -> meter.tag() == null)
                .forEach(meter -> Meters.counter(registry, meter.name(), meter.help()));
    }

    /** An event counted for the first time, by this replica. */
    public void counted(Tally tally) {
        for (Tally.Count count : tally.counts()) {
            for (Meter meter : METERS.getOrDefault(count.metric(), List.of())) {
                (meter.tag() == null ? Meters.counter(registry, meter.name(), meter.help())
                        : Meters.counter(registry, meter.name(), meter.help(), meter.tag(), count.label()))
                        .increment(count.amount());
            }
        }
    }
}
