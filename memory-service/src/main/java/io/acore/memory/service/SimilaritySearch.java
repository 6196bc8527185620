package io.acore.memory.service;

import io.acore.memory.config.MemoryConfig;
import io.acore.memory.recall.RecallIndex;
import io.acore.memory.repository.EmbeddingRepository;
import io.acore.memory.repository.ScoredEmbedding;
import io.acore.memory.repository.VectorColumn;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * Finds a scope's embeddings nearest a query: over the scope's index on this replica ({@link RecallIndex}), or, when
 * asked to ({@code ACORE_MEMORY_RECALL_IN_DATABASE}) and the database has pgvector, in PostgreSQL over its HNSW
 * index.
 */
@ApplicationScoped
public class SimilaritySearch {
    private final VectorColumn vectorColumn;
    private final EmbeddingRepository embeddings;
    private final RecallIndex inProcess;
    private final boolean inDatabase;

    public SimilaritySearch(VectorColumn vectorColumn, EmbeddingRepository embeddings, RecallIndex inProcess,
            MemoryConfig config) {
        this.inDatabase = config.recall().inDatabase();
        this.vectorColumn = vectorColumn;
        this.embeddings = embeddings;
        this.inProcess = inProcess;
    }

    /**
     * The {@code limit} nearest, owners in {@code excluded} left out, each with its cosine similarity, best first.
     * Turns said in the {@code unseen} conversations are left out in this process's index; the database's search
     * does not know where a turn was said, so its caller leaves them out when it reads the turns.
     */
    public List<ScoredEmbedding> nearest(String scope, float[] query, int limit, Set<String> excluded,
            Set<String> unseen) {
        if (!inDatabase || !vectorColumn.present()) {
            return inProcess.nearest(scope, query, limit, excluded, unseen);
        }
        return embeddings.nearest(scope, query, limit + excluded.size()).stream()
                .filter(near -> !excluded.contains(near.owner().id())).limit(limit).toList();
    }

    /** Forget what is held of the scope in this process, after its embeddings were replaced. */
    public void reload(String scope) {
        inProcess.reload(scope);
    }
}
