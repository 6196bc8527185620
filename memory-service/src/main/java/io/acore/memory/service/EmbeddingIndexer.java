package io.acore.memory.service;

import io.acore.events.Role;
import io.acore.events.metrics.Meters;
import io.acore.events.text.TokenEstimate;
import io.acore.memory.config.MemoryConfig;
import io.acore.memory.recall.RecallIndex;
import io.acore.memory.repository.BackgroundLock;
import io.acore.memory.repository.EmbeddingQueue;
import io.acore.memory.repository.EmbeddingRepository;
import io.acore.memory.repository.EmbeddingRepository.NewEmbedding;
import io.acore.memory.repository.MessageRepository;
import io.acore.memory.repository.StoredMessage;
import io.acore.memory.repository.StorageUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Embeds stored turns in the background, off the write path: the table is the queue (turns not yet
 * {@code embedded}), so a restart loses nothing. The scopes fall into {@link EmbeddingQueue#SHARDS}
 * shards, each embedded by one replica at a time ({@link BackgroundLock}): several replicas share a backlog, each
 * turn is embedded once, and a scope's embeddings are stored in the order of their sequence, which its search
 * indexes follow. Turns too short to mean anything on their own ("ok", "lol") and notices are passed over.
 *
 * <p>What is embedded is the turn as the conversation shows it, its speaker's name first, after the turn it follows
 * on from ({@link MessageRepository#before}): "Three times a week" means something only after "How often do you all
 * work out together?", which in a busy channel may lie many messages back.
 */
@ApplicationScoped
public class EmbeddingIndexer {
    private static final Logger LOG = Logger.getLogger(EmbeddingIndexer.class);
    /**
     * A turn shorter than this says too little to be found by its meaning ("ok", "lol thx"): about eleven Latin
     * letters, four Chinese or Japanese characters (a whole sentence there), counted as the prompt counts them.
     */
    static final int MIN_TOKENS = 4;

    private final MessageRepository messages;
    private final EmbeddingQueue queue;
    private final EmbeddingRepository embeddings;
    private final Embedder embedder;
    private final MeterRegistry registry;
    private final BackgroundLock lock;
    private final RecallIndex index;

    private final int batchSize;
    private final MemoryConfig.Recall config;
    private final ContextCalls calls;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean asked = new AtomicBoolean();
    private volatile boolean stopping;
    /** When this replica first put the waiting turns off for replies to come; 0: it has not. Read while draining. */
    private long deferredSinceNanos;
    /** Turns waiting for their embedding, as of the last round: 0 means recall sees everything stored. */
    private final AtomicLong backlog = new AtomicLong(-1);

    public EmbeddingIndexer(MessageRepository messages, EmbeddingQueue queue, EmbeddingRepository embeddings,
            Embedder embedder, MeterRegistry registry, MemoryConfig config, BackgroundLock lock, RecallIndex index,
            ContextCalls calls, ManagedExecutor background) {
        this.calls = calls;
        this.lock = lock;
        this.index = index;
        this.messages = messages;
        this.queue = queue;
        this.embeddings = embeddings;
        this.embedder = embedder;
        this.registry = registry;
        this.batchSize = config.recall().embeddingBatch();
        this.config = config.recall();
        Meters.gauge(registry, "acore.memory.embedding.backlog", "stored turns not yet embedded", backlog);
        // the turns put off for a burst are embedded as soon as its last reply is out, not at the next round
        calls.whenAllAnswered(() -> background.execute(this::drain));
    }

    /** One round; asked for while one runs (a tick, or the last reply out), another follows it. */
    @Scheduled(every = "${acore.memory.recall.embedding-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void drain() {
        asked.set(true);
        while (asked.get() && !stopping && draining.compareAndSet(false, true)) {
            try {
                asked.set(false);
                drainUnlessDeferred();
            } finally {
                draining.set(false);
            }
        }
    }

    /**
     * No round or batch starts once the application stops: ONNX Runtime releases its model from a JVM shutdown hook
     * of its own, and an embedding still running then crashes the process.
     */
    void stop(@Observes ShutdownEvent stopping) {
        this.stopping = true;
    }

    private void drainUnlessDeferred() {
        Deferral deferral = deferral();
        if (deferral == Deferral.WAIT) {
            return;
        }
        try {
            boolean more = true; // a full batch: there may be more waiting
            while (more && goOn(deferral)) {
                more = aBatchOfEachShard(deferral);
                backlog.set(queue.countToEmbed());
            }
        } catch (StorageUnavailableException e) {
            LOG.debugf("embedding paused: %s", e.getMessage());
        }
    }

    /** Whether this round embeds: nothing awaited, replies awaited ({@link #deferral}), or put off long enough. */
    private enum Deferral { NONE, WAIT, OVERDUE }

    /**
     * Replies this replica gave context for are still to come: the waiting turns stay waiting, until they have been
     * put off for {@code embedding-max-deferral}. A burst is embedded once its replies are out, instead of on the
     * cores that answer it.
     */
    private Deferral deferral() {
        if (calls.noneAwaitingReply()) {
            deferredSinceNanos = 0;
            return Deferral.NONE;
        }
        long now = System.nanoTime();
        if (deferredSinceNanos == 0) {
            deferredSinceNanos = now;
        }
        if (now - deferredSinceNanos < config.embeddingMaxDeferral().toNanos()) {
            return Deferral.WAIT;
        }
        deferredSinceNanos = 0;
        return Deferral.OVERDUE;
    }

    /**
     * Whether the round takes another batch: not once the application stops, nor while a new burst's replies are
     * awaited (unless the waiting turns are overdue).
     */
    private boolean goOn(Deferral deferral) {
        return !stopping && (deferral == Deferral.OVERDUE || calls.noneAwaitingReply());
    }

    /**
     * A batch of each shard with turns waiting, the oldest turn's shard first, but for shards another replica is
     * embedding; returns whether a batch was full.
     */
    private boolean aBatchOfEachShard(Deferral deferral) {
        boolean full = false;
        for (int shard : queue.shardsToEmbed(batchSize * EmbeddingQueue.SHARDS)) {
            if (!goOn(deferral)) {
                break;
            }
            full |= lock.callAlone(job(shard), () -> indexBatch(shard)).orElse(0) == batchSize;
        }
        return full;
    }

    /** The background job that embeds a shard. */
    static String job(int shard) {
        return "embeddings/" + shard;
    }

    /** Embeds a shard's oldest waiting turns; returns how many were taken. */
    private int indexBatch(int shard) {
        List<StoredMessage> waiting = queue.toEmbed(shard, batchSize);
        if (waiting.isEmpty()) {
            return 0;
        }
        List<StoredMessage> worth = waiting.stream().filter(EmbeddingIndexer::worthEmbedding).toList();
        Map<String, StoredMessage> before = config.embedWithPrevious() ? messages.before(worth) : Map.of();
        List<float[]> vectors = embedder.embedAll(worth.stream().map(turn -> passage(before.get(turn.id()), turn))
                .toList());
        List<NewEmbedding> batch = new ArrayList<>(worth.size());
        for (int i = 0; i < worth.size(); i++) {
            StoredMessage turn = worth.get(i);
            batch.add(new NewEmbedding("message", turn.id(), turn.scope(), turn.authorId(), vectors.get(i)));
        }
        embeddings.store(batch);
        queue.markEmbedded(waiting.stream().map(StoredMessage::id).toList());
        index.topUp(worth.stream().map(StoredMessage::scope).collect(Collectors.toSet()));
        Meters.counter(registry, "acore.memory.embeddings",
                "embeddings made, by kind", "kind", "message").increment(batch.size());
        return waiting.size();
    }

    static String passage(StoredMessage previous, StoredMessage turn) {
        String line = turn.authorName() + ": " + turn.content();
        return previous == null ? line : previous.authorName() + ": " + previous.content() + "\n" + line;
    }

    static boolean worthEmbedding(StoredMessage turn) {
        return turn.role() != Role.NOTICE && TokenEstimate.of(turn.content().strip()) >= MIN_TOKENS;
    }
}
