package io.acore.analytics.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What analytics has seen on the topics since it started; also exported to Prometheus (from zero at start). An
 * error is counted and kept among the {@link RecentErrors latest ones}, with where it came from and why.
 */
@Startup
@ApplicationScoped
public class ActivityCounters {
    private static final String MEMORY_EVENTS = "acore.analytics.memory.events";
    private final Counter messages;
    private final Counter replies;
    private final Counter notices;
    private final Counter llmRequests;
    private final Counter errors;
    private final Counter deadLetters;
    private final Counter deliveries;
    private final RecentErrors recentErrors;
    private final MeterRegistry registry;

    public ActivityCounters(MeterRegistry registry, RecentErrors recentErrors) {
        this.registry = registry;
        this.recentErrors = recentErrors;
        messages = registry.counter("acore.analytics.messages");
        replies = registry.counter("acore.analytics.replies");
        notices = registry.counter("acore.analytics.notices");
        llmRequests = registry.counter("acore.analytics.llm.requests");
        errors = registry.counter("acore.analytics.errors");
        deadLetters = registry.counter("acore.analytics.dead.letters");
        deliveries = registry.counter("acore.analytics.deliveries");
    }

    public void message() {
        messages.increment();
    }

    public void reply() {
        replies.increment();
    }

    public void notice() {
        notices.increment();
    }

    public void llmRequest() {
        llmRequests.increment();
    }

    public void delivery() {
        deliveries.increment();
    }

    public void error(String source, String type, String detail) {
        errors.increment();
        recentErrors.add(source, type, detail);
    }

    /** A record some consumer could not read, from the topic it was on, with the reason it gave. */
    public void deadLetter(String topic, String reason) {
        deadLetters.increment();
        error(topic, "dead letter", reason);
    }

    /** Something memory learned or let go of ({@code MemoryEvent} types). */
    public void memoryEvent(String type) {
        registry.counter(MEMORY_EVENTS, "type", type).increment();
    }

    /** How many memory events of each type since start. */
    public Map<String, Long> memoryEvents() {
        Map<String, Long> byType = new TreeMap<>();
        registry.find(MEMORY_EVENTS).counters().forEach(counter ->
                byType.put(counter.getId().getTag("type"), (long) counter.count()));
        return byType;
    }

    /** The latest errors, newest first. */
    public List<RecentErrors.RecentError> latestErrors() {
        return recentErrors.newestFirst();
    }

    public Summary summary() {
        return new Summary((long) messages.count(), (long) replies.count(), (long) notices.count(),
                (long) deliveries.count(), (long) errors.count(), (long) deadLetters.count(),
                (long) llmRequests.count());
    }

    /** Totals since start; {@code totalRequests} counts model requests, answered or failed. */
    public record Summary(long messages, long replies, long notices, long deliveries, long errors, long deadLetters,
            long totalRequests) {
    }
}
