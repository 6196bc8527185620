package io.acore.memory.facts;

import io.acore.events.api.RememberedFact;
import io.acore.memory.repository.FactRepository.HeldFact;
import io.acore.memory.service.Embedder;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The facts a prompt shows, at most a given number, those the message is about first: a fact ranks by how close its
 * meaning is to the message's, and one that held before (changed or retracted since) counts {@value #PAST_WORTH} of
 * one that holds, so it comes when the message is about it ("where did I live before?") and not in place of what
 * holds. Without the message's meaning (the embedding model still loading), or for a fact stored without its own,
 * a fact counts as {@value #UNKNOWN_RELEVANCE} relevant; ties go to what holds, then to the surest.
 */
public final class FactChoice {
    static final double PAST_WORTH = 0.8;
    /** About where this embedding model puts a fact on another subject of the same person. */
    static final double UNKNOWN_RELEVANCE = 0.76;

    private FactChoice() {
    }

    public static List<RememberedFact> forMessage(List<HeldFact> held, Optional<float[]> message, int most) {
        return held.stream()
                .sorted(Comparator.comparingDouble((HeldFact fact) -> score(fact, message)).reversed()
                        .thenComparing(fact -> !fact.fact().holds())
                        .thenComparing(Comparator.comparingDouble(HeldFact::confidence).reversed()))
                .limit(most)
                .map(HeldFact::fact)
                .toList();
    }

    private static double score(HeldFact fact, Optional<float[]> message) {
        double relevance = message.filter(query -> fact.vector() != null && fact.vector().length == query.length)
                .map(query -> Embedder.similarity(query, fact.vector())).orElse(UNKNOWN_RELEVANCE);
        return fact.fact().holds() ? relevance : relevance * PAST_WORTH;
    }
}
