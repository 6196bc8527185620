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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Where the time of each answered message went, from the stage timestamps on the final replies this replica
 * counted. Percentiles cover the last few minutes (Micrometer's decaying window).
 */
@Startup
@ApplicationScoped
public class ReplyTimings {
    private static final double[] PERCENTILES = {0.5, 0.95, 0.99};

    private final MeterRegistry registry;
    private final Timer total;
    /**
     * The same latency for the dashboard's recent percentiles, kept out of Prometheus: there the histogram serves,
     * and a histogram with quantiles beside it is not one Prometheus' tools accept.
     */
    private final Timer recent = Timer.builder("acore.analytics.reply.latency.recent").publishPercentiles(PERCENTILES)
            .register(new SimpleMeterRegistry());
    private final Map<String, Timer> stages;

    public ReplyTimings(MeterRegistry registry) {
        this.registry = registry;
        this.total = timer("acore.analytics.reply.latency", "message received by the gateway to reply published");
        this.stages = Map.of(
                "queue", stageTimer("queue"),
                "first-token", stageTimer("first-token"),
                "generation", stageTimer("generation"));
    }

    public void record(Reply reply) {
        Map<String, Instant> at = reply.stages();
        between(at, Stage.GATEWAY_RECEIVED, Stage.PERSONA_PUBLISHED, total);
        between(at, Stage.GATEWAY_RECEIVED, Stage.PERSONA_PUBLISHED, recent);
        between(at, Stage.GATEWAY_PUBLISHED, Stage.PERSONA_RECEIVED, stages.get("queue"));
        between(at, Stage.PERSONA_RECEIVED, Stage.LLM_FIRST_TOKEN, stages.get("first-token"));
        between(at, Stage.LLM_FIRST_TOKEN, Stage.LLM_COMPLETED, stages.get("generation"));
    }

    /** Recent percentiles of the whole latency, in milliseconds, keyed p50, p95, p99. */
    public Map<String, Long> latencyPercentiles() {
        Map<String, Long> result = new TreeMap<>();
        for (ValueAtPercentile value : recent.takeSnapshot().percentileValues()) {
            result.put("p" + Math.round(value.percentile() * 100), Math.round(value.value(TimeUnit.MILLISECONDS)));
        }
        return result;
    }

    private static void between(Map<String, Instant> at, Stage from, Stage to, Timer timer) {
        from.in(at).ifPresent(start -> to.in(at).map(end -> Duration.between(start, end))
                .filter(gap -> !gap.isNegative()).ifPresent(timer::record));
    }

    private Timer timer(String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram().register(registry);
    }

    private Timer stageTimer(String stage) {
        return Timer.builder("acore.analytics.stage.latency").tag("stage", stage)
                .description("time spent in one stage of answering a message").publishPercentileHistogram()
                .register(registry);
    }
}
