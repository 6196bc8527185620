package io.acore.memory.service;

import io.acore.memory.repository.MessageRepository;
import io.acore.memory.repository.StorageUnavailableException;
import io.acore.memory.repository.StoredMessage;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Writes turns into history. While the database is down it keeps retrying, which holds the record (and its
 * partition) back instead of dropping or dead-lettering it; readiness reports the outage meanwhile.
 */
@ApplicationScoped
public class HistoryWriter {
    private final MessageRepository repository;
    private final MeterRegistry registry;

    public HistoryWriter(MessageRepository repository, MeterRegistry registry) {
        this.repository = repository;
        this.registry = registry;
    }

    @Retry(retryOn = StorageUnavailableException.class, maxRetries = -1, maxDuration = 10,
            durationUnit = ChronoUnit.MINUTES, delay = 1000, jitter = 500)
    public void record(StoredMessage message) {
        boolean stored = repository.store(message);
        registry.counter("acore.memory.messages", "role", message.role().wireName(),
                "outcome", stored ? "stored" : "duplicate").increment();
    }
}
