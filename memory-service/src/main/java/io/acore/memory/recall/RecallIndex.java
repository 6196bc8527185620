package io.acore.memory.recall;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.acore.events.metrics.Meters;
import io.acore.memory.config.MemoryConfig;
import io.acore.memory.repository.EmbeddingRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * The scopes' search indexes ({@link ScopeIndex}) on this replica: opened when a scope is first searched, at most
 * {@code ACORE_MEMORY_RECALL_OPEN_SCOPES} at once (the least recently searched closed and deleted), in a directory
 * emptied at start, since the database is the only record. The embedding job tops up the open scopes it has just
 * written to, off the reply path; a search first tops its scope up with at most one page of what was stored since
 * (at most once a second), so a small scope is complete when searched; a larger backlog (a large server searched for the
 * first time) goes on in the background while searches use what is indexed so far (gauge
 * {@code acore_memory_recall_catching_up}: scopes whose backlog is being read and merged).
 */
@ApplicationScoped
public class RecallIndex {
    private static final Logger LOG = Logger.getLogger(RecallIndex.class);
    /** How many embeddings one top-up reads at most. */
    private static final int PAGE = 5_000;

    private final EmbeddingRepository embeddings;
    private final ManagedExecutor background;
    private final Path root;
    private final AtomicLong opened = new AtomicLong();
    private final Cache<String, ScopeIndex> scopes;
    private final Counter indexed;
    private final AtomicInteger catchingUp;
    private final SmallSegments segments;
    private final int postingsPerSearch;
    /**
     * Searches a large scope's segments side by side: a scope read in from a large backlog keeps several segments
     * (each at most 128 MB), and one search walks each segment's graph. A search's own thread takes part.
     */
    private final ExecutorService searching = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), task -> {
                Thread thread = new Thread(task, "recall-search");
                thread.setDaemon(true);
                return thread;
            });

    public RecallIndex(EmbeddingRepository embeddings, ManagedExecutor background, MemoryConfig config,
            MeterRegistry registry) {
        this.embeddings = embeddings;
        this.indexed = Counter.builder("acore.memory.recall.indexed")
                .description("Embeddings (with their turns' words) added to this replica's search indexes")
                .register(registry);
        this.catchingUp = Meters.gauge(registry, "acore.memory.recall.catching.up",
                "scopes whose search index this replica is still reading in", new AtomicInteger());
        this.background = background;
        this.segments = new SmallSegments(config.recall().segmentsInMemoryMb());
        this.postingsPerSearch = config.recall().postingsPerSearch();
        Gauge.builder("acore.memory.recall.segments.in.memory", segments, SmallSegments::inMemoryBytes)
                .description("bytes of search-index segments held in memory, all open scopes together")
                .baseUnit("bytes").register(registry);
        this.root = emptied(config.recall().indexDir());
        this.scopes = Caffeine.newBuilder().maximumSize(config.recall().openScopes()).executor(Runnable::run)
                .<String, ScopeIndex>removalListener((scope, index, cause) -> closed(index)).build();
    }

    /**
     * The scope's {@code limit} embeddings nearest {@code query} (a unit vector), owners in {@code excluded} and turns
     * said in the {@code unseen} conversations left out.
     */
    public List<ScoredEmbedding> nearest(String scope, float[] query, int limit, Set<String> excluded,
            Set<String> unseen) {
        return current(scope).nearest(query, limit, excluded, unseen);
    }

    /** The same among the scope's turns said from {@code from} until {@code until} (both included). */
    public List<ScoredEmbedding> nearestWithin(String scope, float[] query, Instant from, Instant until, int limit,
            Set<String> excluded, Set<String> unseen) {
        return current(scope).nearestWithin(query, from, until, limit, excluded, unseen);
    }

    /** The scope's turns sharing words with {@code text}, best first (see {@link ScopeIndex#matches}). */
    public List<ScoredId> matches(String scope, String text, int limit, Set<String> unseen) {
        return current(scope).matches(text, limit, unseen);
    }

    /**
     * Makes what was just stored in these scopes searchable now, on the calling thread, in those held open here (the
     * others read it when next searched), so that a search seldom has anything left to add on the reply path.
     */
    public void topUp(Collection<String> stored) {
        for (String scope : stored) {
            ScopeIndex index = scopes.getIfPresent(scope);
            if (index != null) {
                try {
                    topUp(index, false);
                } catch (RuntimeException e) {
                    LOG.warnf("topping up the recall index of %s failed (its next search tries again): %s", scope,
                            e.getMessage());
                }
            }
        }
    }

    /** Drops what is held of the scope: its next search reads it again, without what was deleted since. */
    public void reload(String scope) {
        scopes.invalidate(scope);
    }

    /** Drops the owners from every open scope, so they take no place among what a search finds. */
    public void forget(Collection<String> ownerIds) {
        if (!ownerIds.isEmpty()) {
            scopes.asMap().values().forEach(index -> index.drop(ownerIds));
        }
    }

    /** Drops a deleted turn and the replies to it from every open scope. */
    public void forgetDeleted(String turnId) {
        scopes.asMap().values().forEach(index -> index.dropDeleted(turnId));
    }

    /** Drops what an erased user said, what was said about them and the replies to them, from every open scope. */
    public void forgetUser(String userDigest) {
        scopes.asMap().values().forEach(index -> index.dropUser(userDigest));
    }

    private ScopeIndex current(String scope) {
        ScopeIndex index = scopes.get(scope, this::open);
        if (topUp(index, true) == PAGE && index.startCatchUp()) {
            catchingUp.incrementAndGet();
            background.execute(() -> catchUp(index));
        }
        return index;
    }

    /**
     * Reads a scope's backlog to its end, a page at a time, without waiting for the once-a-second pace (a search
     * that finds it reading goes on without its own top-up), then merges what it read into few segments.
     */
    private void catchUp(ScopeIndex index) {
        try {
            while (topUp(index, false) == PAGE) {
                // the next page
            }
            index.compact();
        } catch (RuntimeException e) {
            LOG.warnf("catching up a recall index failed (the next search goes on): %s", e.getMessage());
        } finally {
            index.endCatchUp();
            catchingUp.decrementAndGet();
        }
    }

    /** One page of what was stored since, unless another thread is reading it (or, paced, it is not yet due). */
    private int topUp(ScopeIndex index, boolean paced) {
        if (!index.startTopUp(paced)) {
            return 0;
        }
        try {
            int added = index.topUp(PAGE);
            indexed.increment(added);
            return added;
        } finally {
            index.endTopUp();
        }
    }

    private ScopeIndex open(String scope) {
        return new ScopeIndex(scope, root.resolve(Long.toString(opened.incrementAndGet())), segments, searching,
                postingsPerSearch, (after, most) -> embeddings.since(scope, after, most));
    }

    private static void closed(ScopeIndex index) {
        if (index == null) {
            return;
        }
        try {
            index.close();
            delete(index.dir());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("closing a recall index failed: %s", e.getMessage());
        }
    }

    @PreDestroy
    void close() {
        scopes.invalidateAll();
        searching.shutdown();
        delete(root);
    }

    private static Path emptied(Optional<Path> configured) {
        try {
            if (configured.isEmpty()) {
                return Files.createTempDirectory("acore-recall-");
            }
            delete(configured.get());
            return Files.createDirectories(configured.get());
        } catch (IOException e) {
            throw new UncheckedIOException("preparing the recall index directory", e);
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("emptying " + dir, e);
        }
    }
}
