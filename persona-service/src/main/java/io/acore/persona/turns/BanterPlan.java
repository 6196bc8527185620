package io.acore.persona.turns;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * Whether another persona answers a persona's line, and which: each other persona of the channel may, with a chance
 * that grows with their affinity (from {@code atNoAffinity} at 0 to {@code atFullAffinity} at 100) and halves with
 * every hop of the chain; of those the draw lets answer, the one it favours most. The chain's cap is kept apart
 * ({@link ChainLimits}).
 */
public final class BanterPlan {
    private BanterPlan() {
    }

    /**
     * @param lineId  the id of the line to answer (its reply id): it alone decides the draws
     * @param speaker the persona who said it
     * @param others  the channel's other personas
     * @param hop     0 for a line that answered a member, then one more for each persona answering a persona
     */
    public static Optional<String> next(String lineId, String speaker, List<String> others,
            ToIntFunction<String> affinity, int hop, double atNoAffinity, double atFullAffinity) {
        record Drawn(String persona, double chance, double draw) {
        }
        return others.stream().filter(other -> !other.equals(speaker))
                .map(other -> new Drawn(other, chance(affinity.applyAsInt(other), hop, atNoAffinity, atFullAffinity),
                        Draws.of("banter", lineId, other)))
                .filter(drawn -> drawn.draw() < drawn.chance())
                .min(Comparator.comparingDouble((Drawn drawn) -> drawn.draw() / drawn.chance())
                        .thenComparing(Drawn::persona))
                .map(Drawn::persona);
    }

    static double chance(int affinity, int hop, double atNoAffinity, double atFullAffinity) {
        double share = Math.max(0, Math.min(100, affinity)) / 100.0;
        return (atNoAffinity + (atFullAffinity - atNoAffinity) * share) / Math.pow(2, Math.max(0, hop));
    }
}
