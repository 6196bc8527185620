package io.acore.memory.recall;

/** A stored embedding near a query: what it belongs to, and its cosine similarity to the query. */
public record ScoredEmbedding(String ownerKind, ScoredId owner) {
}
