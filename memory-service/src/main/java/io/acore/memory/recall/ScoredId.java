package io.acore.memory.recall;

/** A stored item found by a search, with how well it matched (higher is better). */
public record ScoredId(String id, double score) {
}
