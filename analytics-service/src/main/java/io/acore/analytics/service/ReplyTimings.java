package io.acore.analytics.service;

import io.acore.events.Reply;
import io.acore.events.Stage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Where the time of each answered message went, from the stage timestamps on the final replies this replica
 * counted: histograms for Prometheus, and recent percentiles for the dashboard (the last few minutes, Micrometer's
 * decaying window).
 */
@Startup
@ApplicationScoped
public class ReplyTimings {
    private static final double[] PERCENTILES = {0.5, 0.95, 0.99};
    private static final String TOTAL = "total";
    /** The stretches of a reply's way that are timed, in the order they happen. */
    private static final List<Span> SPANS = List.of(
            new Span(TOTAL, Stage.GATEWAY_RECEIVED, Stage.PERSONA_PUBLISHED),
            new Span("queue", Stage.GATEWAY_PUBLISHED, Stage.PERSONA_RECEIVED),
            new Span("memory", Stage.PERSONA_RECEIVED, Stage.MEMORY_RECALLED),
            new Span("first-token", Stage.PERSONA_RECEIVED, Stage.LLM_FIRST_TOKEN),
            new Span("generation", Stage.LLM_FIRST_TOKEN, Stage.LLM_COMPLETED));

    private record Span(String name, Stage from, Stage to) {
    }

    private final Map<Span, Timer> exported = new LinkedHashMap<>();
    /**
     * The same latencies for the dashboard's recent percentiles, kept out of Prometheus: there the histograms serve,
     * and a histogram with quantiles beside it is not one Prometheus' tools accept.
     */
    private final Map<Span, Timer> recent = new LinkedHashMap<>();

    public ReplyTimings(MeterRegistry registry) {
        SimpleMeterRegistry local = new SimpleMeterRegistry();
        for (Span span : SPANS) {
            Timer.Builder timer = span.name().equals(TOTAL)
                    ? Timer.builder("acore.analytics.reply.latency")
                            .description("message received by the gateway to reply published")
                    : Timer.builder("acore.analytics.stage.latency").tag("stage", span.name())
                            .description("time spent in one stage of answering a message");
            exported.put(span, timer.publishPercentileHistogram().register(registry));
            recent.put(span, Timer.builder("acore.analytics.recent." + span.name()).publishPercentiles(PERCENTILES)
                    .register(local));
        }
    }

    public void record(Reply reply) {
        Map<String, Instant> at = reply.stages();
        for (Span span : SPANS) {
            span.from().in(at).ifPresent(start -> span.to().in(at).map(end -> Duration.between(start, end))
                    .filter(gap -> !gap.isNegative()).ifPresent(gap -> {
                        exported.get(span).record(gap);
                        recent.get(span).record(gap);
                    }));
        }
    }

    /** Recent percentiles of the whole latency, in milliseconds, keyed p50, p95, p99. */
    public Map<String, Long> latencyPercentiles() {
        return percentiles(recent.get(SPANS.get(0)));
    }

    /** Recent percentiles per stretch (total first, then the stages in order), in milliseconds; none timed yet: empty. */
    public Map<String, Map<String, Long>> stagePercentiles() {
        Map<String, Map<String, Long>> stages = new LinkedHashMap<>();
        recent.forEach((span, timer) -> {
            if (timer.count() > 0) {
                stages.put(span.name(), percentiles(timer));
            }
        });
        return stages;
    }

    private static Map<String, Long> percentiles(Timer timer) {
        Map<String, Long> result = new TreeMap<>();
        for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
            result.put("p" + Math.round(value.percentile() * 100), Math.round(value.value(TimeUnit.MILLISECONDS)));
        }
        return result;
    }
}
