package io.acore.memory.service;

import io.acore.events.metrics.Meters;
import io.acore.memory.repository.MessageRepository;
import io.acore.memory.repository.StorageUnavailableException;
import io.acore.memory.repository.StoredMessage;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Writes turns into history. While the database is down it keeps retrying, for as long as the outage lasts: the
 * records wait, the consumer takes no more, and nothing is dropped or dead-lettered; readiness reports the
 * outage meanwhile, and the service stays live.
 */
@ApplicationScoped
public class HistoryWriter {
    private final MessageRepository repository;
    private final MeterRegistry registry;

    public HistoryWriter(MessageRepository repository, MeterRegistry registry) {
        this.repository = repository;
        this.registry = registry;
    }

    @Retry(retryOn = StorageUnavailableException.class, maxRetries = -1, maxDuration = 0, delay = 1000, jitter = 500)
    public void record(List<StoredMessage> turns) {
        if (turns.isEmpty()) {
            return;
        }
        Set<String> stored = repository.store(turns);
        Map<List<String>, Long> outcomes = turns.stream().collect(Collectors.groupingBy(turn -> List.of(
                turn.role().wireName(), stored.contains(turn.id()) ? "stored" : "duplicate"), Collectors.counting()));
        outcomes.forEach((roleAndOutcome, count) -> Meters.counter(registry, "acore.memory.messages",
                "turns stored, by role and outcome", "role", roleAndOutcome.get(0), "outcome", roleAndOutcome.get(1))
                .increment(count));
    }
}
