package io.acore.memory.service;

import io.acore.memory.repository.MessageRepository;
import io.acore.memory.repository.StorageUnavailableException;
import io.acore.memory.repository.StoredMessage;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
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
        for (StoredMessage turn : turns) {
            registry.counter("acore.memory.messages", "role", turn.role().wireName(),
                    "outcome", stored.contains(turn.id()) ? "stored" : "duplicate").increment();
        }
    }
}
