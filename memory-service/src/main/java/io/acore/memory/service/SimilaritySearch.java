package io.acore.memory.service;

import io.acore.memory.repository.EmbeddingRepository;
import io.acore.memory.repository.ScoredEmbedding;
import io.acore.memory.repository.VectorColumn;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * Finds a scope's embeddings nearest a query: in PostgreSQL over pgvector's HNSW index when the database has it,
 * otherwise by exact search in this process ({@link ScopeVectors}).
 */
@ApplicationScoped
public class SimilaritySearch {
    private final VectorColumn vectorColumn;
    private final EmbeddingRepository embeddings;
    private final ScopeVectors inProcess;

    public SimilaritySearch(VectorColumn vectorColumn, EmbeddingRepository embeddings, ScopeVectors inProcess) {
        this.vectorColumn = vectorColumn;
        this.embeddings = embeddings;
        this.inProcess = inProcess;
    }

    /** The {@code limit} nearest, owners in {@code excluded} left out, each with its cosine similarity, best first. */
    public List<ScoredEmbedding> nearest(String scope, float[] query, int limit, Set<String> excluded) {
        if (!vectorColumn.present()) {
            return inProcess.nearest(scope, query, limit, excluded);
        }
        return embeddings.nearest(scope, query, limit + excluded.size()).stream()
                .filter(near -> !excluded.contains(near.owner().id())).limit(limit).toList();
    }

    /** Forget what is held of the scope in this process, after its embeddings were replaced. */
    public void reload(String scope) {
        inProcess.reload(scope);
    }
}
