package io.acore.memory.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.acore.memory.config.MemoryConfig;
import io.acore.memory.repository.EmbeddingRepository;
import io.acore.memory.repository.EmbeddingRepository.StoredEmbedding;
import io.acore.memory.repository.ScoredEmbedding;
import io.acore.memory.repository.ScoredId;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Exact nearest-neighbour search over a scope's embeddings, for a PostgreSQL without pgvector (the embedded
 * default; {@link SimilaritySearch} picks). Each scope's vectors are held here, quantised to one byte per dimension,
 * and topped up from the database with what was stored since (by any replica), at most once a second
 * ({@link TopUpPace}). Only ids leave this class: what they
 * stand for is read from the database, so something forgotten can never be recalled from here.
 */
@ApplicationScoped
public class ScopeVectors {
    private static final float QUANTUM = 127f;
    /** How many embeddings one read of a scope's new ones brings at most. */
    private static final int PAGE = 5_000;

    private final EmbeddingRepository embeddings;
    private final Cache<String, ScopeIndex> scopes;

    public ScopeVectors(EmbeddingRepository embeddings, MemoryConfig config) {
        this.embeddings = embeddings;
        this.scopes = Caffeine.newBuilder().maximumWeight(config.recall().cachedVectors())
                .<String, ScopeIndex>weigher((scope, index) -> index.size() + 1)
                .expireAfterAccess(Duration.ofMinutes(30)).build();
    }

    /**
     * The {@code limit} embeddings of the scope most similar to {@code query} (a unit vector), owners in
     * {@code excluded} left out, each with its cosine similarity, best first.
     */
    public List<ScoredEmbedding> nearest(String scope, float[] query, int limit, Set<String> excluded) {
        ScopeIndex index = scopes.get(scope, ScopeIndex::new);
        int before = index.size();
        index.topUp(embeddings);
        if (index.size() != before) {
            scopes.put(scope, index); // weighed again at its new size
        }
        return index.nearest(quantise(query), limit, excluded);
    }

    /** Drops what is held of the scope: its next search reads it again, without what was deleted since. */
    public void reload(String scope) {
        scopes.invalidate(scope);
    }

    static byte[] quantise(float[] unit) {
        byte[] bytes = new byte[unit.length];
        for (int i = 0; i < unit.length; i++) {
            bytes[i] = (byte) Math.round(Math.max(-1f, Math.min(1f, unit[i])) * QUANTUM);
        }
        return bytes;
    }

    /** A scope's vectors back to back in one array (one byte per dimension), with their owners. */
    private static final class ScopeIndex {
        private final String scope;
        private final TopUpPace pace = new TopUpPace();
        private long lastSeq;
        private int size;
        private int dimensions;
        private byte[] vectors = new byte[0];
        private String[] ownerKinds = new String[0];
        private String[] ownerIds = new String[0];

        ScopeIndex(String scope) {
            this.scope = scope;
        }

        synchronized int size() {
            return size;
        }

        /**
         * Reads the embeddings stored since the last top-up, a page at a time: only one page is ever held as floats
         * beside the index, however large the scope.
         */
        synchronized void topUp(EmbeddingRepository embeddings) {
            if (!pace.due()) {
                return;
            }
            List<StoredEmbedding> added;
            do {
                added = embeddings.since(scope, lastSeq, PAGE);
                add(added);
            } while (added.size() == PAGE);
        }

        private void add(List<StoredEmbedding> added) {
            if (added.isEmpty()) {
                return;
            }
            dimensions = added.get(0).vector().length;
            int needed = size + added.size();
            if (needed > ownerIds.length) {
                int capacity = Math.max(needed, ownerIds.length + ownerIds.length / 2);
                vectors = Arrays.copyOf(vectors, capacity * dimensions);
                ownerKinds = Arrays.copyOf(ownerKinds, capacity);
                ownerIds = Arrays.copyOf(ownerIds, capacity);
            }
            for (StoredEmbedding stored : added) {
                System.arraycopy(quantise(stored.vector()), 0, vectors, size * dimensions, dimensions);
                ownerKinds[size] = stored.ownerKind().intern(); // a handful of kinds, not one string per vector
                ownerIds[size] = stored.ownerId();
                size++;
                lastSeq = stored.seq();
            }
        }

        synchronized List<ScoredEmbedding> nearest(byte[] query, int limit, Set<String> excluded) {
            PriorityQueue<int[]> best = new PriorityQueue<>(Comparator.comparingInt(entry -> entry[1]));
            for (int i = 0; i < size; i++) {
                if (excluded.contains(ownerIds[i])) {
                    continue;
                }
                int offset = i * dimensions;
                int dot = 0;
                for (int d = 0; d < dimensions; d++) {
                    dot += vectors[offset + d] * query[d];
                }
                if (best.size() < limit) {
                    best.add(new int[] {i, dot});
                } else if (dot > best.peek()[1]) {
                    best.poll();
                    best.add(new int[] {i, dot});
                }
            }
            List<ScoredEmbedding> found = new ArrayList<>(best.size());
            for (int[] entry : best) {
                found.add(new ScoredEmbedding(ownerKinds[entry[0]],
                        new ScoredId(ownerIds[entry[0]], entry[1] / (QUANTUM * QUANTUM))));
            }
            found.sort(Comparator.comparingDouble((ScoredEmbedding e) -> e.owner().score()).reversed());
            return found;
        }
    }
}
