package io.acore.memory.service;

import io.acore.events.metrics.Meters;
import io.acore.memory.config.MemoryConfig;
import io.acore.memory.repository.MessageRepository;
import io.acore.memory.repository.StorageUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * With {@code ACORE_MEMORY_RETENTION_DAYS} set, erases the turns older than that many days, with their embeddings,
 * a batch at a time, and records each sweep in the deletion audit. Summaries and facts stay: they are what memory
 * learned, and go when the user asks (/memory forget). Off by default.
 */
@ApplicationScoped
public class RetentionSweeper {
    private static final Logger LOG = Logger.getLogger(RetentionSweeper.class);
    private static final int BATCH = 5_000;

    private final MessageRepository messages;
    private final MeterRegistry registry;
    private final MemoryConfig config;

    public RetentionSweeper(MessageRepository messages, MeterRegistry registry, MemoryConfig config) {
        this.messages = messages;
        this.registry = registry;
        this.config = config;
    }

    @Scheduled(every = "${acore.memory.retention.interval:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        config.retention().days().ifPresent(days -> {
            Instant cutoff = Instant.now().minus(days, ChronoUnit.DAYS);
            try {
                int erased;
                int total = 0;
                do {
                    erased = messages.eraseOlderThan(cutoff, BATCH);
                    total += erased;
                } while (erased == BATCH);
                if (total > 0) {
                    LOG.infof("Retention: erased %d turns older than %d days", total, days);
                    Meters.counter(registry, "acore.memory.retention.erased",
                            "turns erased for being older than the retention").increment(total);
                }
            } catch (StorageUnavailableException e) {
                LOG.debugf("retention sweep paused: %s", e.getMessage());
            }
        });
    }
}
