package io.acore.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The reference recall is read against: plain BM25 (k1 = 1.2, b = 0.75, English stop words, no stemming) over a
 * conversation's own turns, each with its speaker's name, the question as the query.
 */
final class Bm25 {
    private static final double K1 = 1.2;
    private static final double B = 0.75;
    private static final Pattern WORD = Pattern.compile("[a-z0-9]+");
    private static final Set<String> STOP = Set.of(("a an the and or but if of to in on at for with is are was were be"
            + " been am i you he she it we they my your his her our their me him them this that what which who whom"
            + " when where why how do does did have has had not no so as by from about into than then there here just"
            + " very can will would should could up out").split(" "));

    private final List<Map<String, Integer>> counts;
    private final Map<String, Integer> holding = new HashMap<>();
    private final int[] lengths;
    private final double averageLength;

    Bm25(List<String> documents) {
        counts = documents.stream().map(document -> {
            Map<String, Integer> count = new HashMap<>();
            words(document).forEach(word -> count.merge(word, 1, Integer::sum));
            return count;
        }).toList();
        counts.forEach(count -> count.keySet().forEach(word -> holding.merge(word, 1, Integer::sum)));
        lengths = counts.stream().mapToInt(count -> count.values().stream().mapToInt(Integer::intValue).sum())
                .toArray();
        averageLength = IntStream.of(lengths).average().orElse(1);
    }

    /** The indexes of the {@code most} best-scoring documents that share a word with the query, best first. */
    List<Integer> top(String query, int most) {
        Set<String> terms = Set.copyOf(words(query));
        double[] scores = new double[counts.size()];
        for (String term : terms) {
            int n = holding.getOrDefault(term, 0);
            if (n == 0) {
                continue;
            }
            double idf = Math.log(1 + (counts.size() - n + 0.5) / (n + 0.5));
            for (int i = 0; i < counts.size(); i++) {
                int tf = counts.get(i).getOrDefault(term, 0);
                if (tf > 0) {
                    scores[i] += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths[i] / averageLength));
                }
            }
        }
        return IntStream.range(0, scores.length).filter(i -> scores[i] > 0).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparing(i -> i))
                .limit(most).toList();
    }

    private static List<String> words(String text) {
        Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        List<String> words = new ArrayList<>();
        while (matcher.find()) {
            if (!STOP.contains(matcher.group())) {
                words.add(matcher.group());
            }
        }
        return words;
    }
}
