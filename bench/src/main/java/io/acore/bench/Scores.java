package io.acore.bench;

import io.acore.bench.LocomoRecall.Outcome;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The share of evidence turns found, with 95 % confidence intervals from a bootstrap over questions (a question's
 * evidence turns stay together; 2,000 resamples, fixed seed): overall, per LoCoMo category, and acore's lead over
 * BM25 (paired: both resampled on the same questions).
 */
final class Scores {
    private static final String[] CATEGORIES = {"", "multi-hop", "temporal", "open-domain", "single-hop",
            "adversarial"};
    private static final int RESAMPLES = 2_000;

    private Scores() {
    }

    static String line(List<Outcome> outcomes) {
        return String.format("acore %s, BM25 %s", percent(outcomes, Outcome::acore),
                percent(outcomes, Outcome::bm25));
    }

    static void report(List<Outcome> outcomes) {
        System.out.printf("bench | locomo | all %d questions, %d evidence turns: acore %s, BM25 %s, lead %s%n",
                outcomes.size(), evidence(outcomes), withInterval(outcomes, Outcome::acore),
                withInterval(outcomes, Outcome::bm25), withInterval(outcomes, o -> o.acore() - o.bm25()));
        Map<Integer, List<Outcome>> byCategory = outcomes.stream()
                .collect(Collectors.groupingBy(o -> o.question().category(), TreeMap::new, Collectors.toList()));
        byCategory.forEach((category, some) -> System.out.printf(
                "bench | locomo | %d %s (%d questions, %d evidence turns): acore %s, BM25 %s%n", category,
                category < CATEGORIES.length ? CATEGORIES[category] : "?", some.size(), evidence(some),
                withInterval(some, Outcome::acore), withInterval(some, Outcome::bm25)));
    }

    private static int evidence(List<Outcome> outcomes) {
        return outcomes.stream().mapToInt(o -> o.question().evidence().size()).sum();
    }

    private static String percent(List<Outcome> outcomes, ToDoubleFunction<Outcome> found) {
        return String.format("%.1f %%", share(outcomes, found, null));
    }

    private static String withInterval(List<Outcome> outcomes, ToDoubleFunction<Outcome> found) {
        Random random = new Random(20261203);
        double[] resampled = new double[RESAMPLES];
        int[] picks = new int[outcomes.size()];
        for (int r = 0; r < RESAMPLES; r++) {
            for (int i = 0; i < picks.length; i++) {
                picks[i] = random.nextInt(picks.length);
            }
            resampled[r] = share(outcomes, found, picks);
        }
        Arrays.sort(resampled);
        return String.format("%.1f %% [%.1f, %.1f]", share(outcomes, found, null),
                resampled[(int) (0.025 * RESAMPLES)], resampled[(int) (0.975 * RESAMPLES) - 1]);
    }

    /** Found over all evidence turns, in percent; {@code picks}: the resampled questions (null: each once). */
    private static double share(List<Outcome> outcomes, ToDoubleFunction<Outcome> found, int[] picks) {
        double hits = 0;
        double total = 0;
        for (int i = 0; i < (picks == null ? outcomes.size() : picks.length); i++) {
            Outcome outcome = outcomes.get(picks == null ? i : picks[i]);
            hits += found.applyAsDouble(outcome);
            total += outcome.question().evidence().size();
        }
        return total == 0 ? 0 : 100 * hits / total;
    }
}
