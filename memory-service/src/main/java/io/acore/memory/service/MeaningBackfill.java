package io.acore.memory.service;

import io.acore.events.metrics.Meters;
import io.acore.memory.config.MemoryConfig;
import io.acore.memory.repository.BackgroundLock;
import io.acore.memory.repository.MissingMeanings;
import io.acore.memory.repository.MissingMeanings.Missing;
import io.acore.memory.repository.StorageUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Fills in the meanings of facts and episodes stored without one (a change of embedding model clears them), a batch
 * at a time, one replica at a time, and only while no reply this replica gave context for is awaited: the cores
 * answer first. Until a fact has its meaning it is shown by how sure it is; an episode, by the time it tells of.
 */
@ApplicationScoped
public class MeaningBackfill {
    private static final Logger LOG = Logger.getLogger(MeaningBackfill.class);
    static final String JOB = "meanings";

    private final MissingMeanings missing;
    private final Embedder embedder;
    private final BackgroundLock lock;
    private final ContextCalls calls;
    private final MeterRegistry registry;
    private final int batchSize;
    private volatile boolean stopping;

    public MeaningBackfill(MissingMeanings missing, Embedder embedder, BackgroundLock lock, ContextCalls calls,
            MeterRegistry registry, MemoryConfig config) {
        this.missing = missing;
        this.embedder = embedder;
        this.lock = lock;
        this.calls = calls;
        this.registry = registry;
        this.batchSize = config.recall().embeddingBatch();
    }

    @Scheduled(every = "${acore.memory.recall.embedding-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void fill() {
        try {
            boolean more = true; // a full batch: there may be more waiting
            while (more && !stopping && calls.noneAwaitingReply()) {
                more = lock.callAlone(JOB, this::batch).orElse(0) == batchSize;
            }
        } catch (StorageUnavailableException e) {
            LOG.debugf("meanings not filled in yet: %s", e.getMessage());
        }
    }

    /** ONNX Runtime releases its model from a shutdown hook of its own: no batch starts once the application stops. */
    void stop(@Observes ShutdownEvent stopping) {
        this.stopping = true;
    }

    private int batch() {
        List<Missing> waiting = missing.waiting(batchSize);
        if (!waiting.isEmpty()) {
            missing.fill(waiting, embedder.embedAll(waiting.stream().map(Missing::text).toList()));
            Meters.counter(registry, "acore.memory.embeddings", "embeddings made, by kind", "kind", "meaning")
                    .increment(waiting.size());
        }
        return waiting.size();
    }
}
