package io.acore.memory.recall;

import io.acore.memory.config.MemoryConfig;
import io.acore.memory.repository.MessageRepository.Beside;
import io.acore.memory.repository.StoredMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How recall weighs what keyword and vector search found, in two steps. First each turn on its own: its shared words
 * (over the best keyword match) plus its closeness in meaning (how far it lies above the similarity floor, over how far
 * the best match does, times the meaning weight), a third more when the message names its speaker, half more when it
 * was written in the stretch of time the message names ({@link DatePhrases}; the turns of that stretch closest in
 * meaning are searched for apart, so that a question naming only a time still finds what was said then). Then with the turns
 * around it, because an answer sits beside what it answers: a turn gains a share of the better score of the turns
 * just before and after it and of those a reply links it to (the turn it answers, the replies to it, however far
 * apart), and a smaller share of those two away, so "Three times a week" rises with the question it follows, and a
 * question found by its words brings up its answer. Last, what the turn is worth recalled: one that
 * asks or says little ("Wow, cool!") holds less to remember than one that tells, so it counts less in the end, while
 * still lending its full score to the turns around it; and one that says again what turns before it said counts half
 * ({@link Retellings}): the first telling is what to recall.
 */
public final class RecallRanking {
    private final Map<String, Double> byWords = new HashMap<>();
    private final Map<String, Double> byMeaning = new HashMap<>();
    private final double bestWords;
    private final double bestMeaning;
    private final MemoryConfig.Recall weights;
    private final String sought;
    private final Optional<DatePhrases.Window> when;
    /** Turns found among those said in the stretch of time the message names. */
    private final Set<String> inPeriod = new HashSet<>();
    /** Whether the message names each speaker seen so far (a speaker has many turns among the found). */
    private final Map<String, Boolean> namedSpeakers = new HashMap<>();

    /**
     * {@code when}: the stretch of time the message names, if it names one ({@link DatePhrases});
     * {@code periodMatches}: the closest in meaning among the turns said then.
     */
    public RecallRanking(List<ScoredId> wordMatches, List<ScoredId> meaningMatches, List<ScoredId> periodMatches,
            String sought, Optional<DatePhrases.Window> when, MemoryConfig.Recall weights) {
        wordMatches.forEach(match -> byWords.merge(match.id(), match.score(), Math::max));
        meaningMatches.forEach(match -> byMeaning.merge(match.id(), match.score(), Math::max));
        periodMatches.forEach(match -> {
            byMeaning.merge(match.id(), match.score(), Math::max);
            inPeriod.add(match.id());
        });
        this.bestWords = byWords.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        this.bestMeaning = byMeaning.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        this.weights = weights;
        this.sought = sought.toLowerCase(Locale.ROOT);
        this.when = when;
    }

    /** The score of what was found, before the turns around it count: what the turns around it are looked up for. */
    public double alone(String id) {
        return own(id) * (inPeriod.contains(id) ? 1 + weights.dateBoost() : 1);
    }

    /** Shared words and closeness in meaning. */
    private double own(String id) {
        double words = bestWords > 0 ? byWords.getOrDefault(id, 0.0) / bestWords : 0;
        double floor = weights.minSimilarity();
        double meaning = bestMeaning > floor
                ? Math.max(0, (byMeaning.getOrDefault(id, floor) - floor) / (bestMeaning - floor)) : 0;
        return words + weights.meaningWeight() * meaning;
    }

    /** The ids of every match, best first by {@link #alone}, those in {@code left} left out, at most {@code most}. */
    public List<String> best(Set<String> left, int most) {
        Map<String, Double> scores = new HashMap<>();
        for (Set<String> found : List.of(byWords.keySet(), byMeaning.keySet())) {
            found.stream().filter(id -> !left.contains(id)).forEach(id -> scores.computeIfAbsent(id, this::alone));
        }
        return scores.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(most).map(Map.Entry::getKey).toList();
    }

    /**
     * The turns found and the turns around them, each with its final score, best first. {@code found}: the turns
     * looked up (still stored); {@code around}: the turns beside them.
     */
    public List<Scored> ranked(Collection<StoredMessage> found, List<Beside> around) {
        Map<String, StoredMessage> turns = new HashMap<>();
        found.forEach(turn -> turns.put(turn.id(), turn));
        around.forEach(beside -> turns.putIfAbsent(beside.turn().id(), beside.turn()));
        Map<String, Map<Integer, String>> windows = new HashMap<>();
        Map<String, Set<String>> next = new HashMap<>();
        Map<String, Set<String>> twoAway = new HashMap<>();
        for (Beside beside : around) {
            if (beside.linkedByReply()) {
                link(next, beside.anchorId(), beside.turn().id());
            } else {
                windows.computeIfAbsent(beside.anchorId(), anchor -> new HashMap<>(Map.of(0, anchor)))
                        .put(beside.place(), beside.turn().id());
            }
        }
        for (Map<Integer, String> window : windows.values()) {
            for (Map.Entry<Integer, String> place : window.entrySet()) {
                link(next, place.getValue(), window.get(place.getKey() + 1));
                link(twoAway, place.getValue(), window.get(place.getKey() + 2));
            }
        }
        List<StoredMessage> visited = new ArrayList<>(turns.values());
        Map<String, Double> own = new HashMap<>();
        visited.forEach(turn -> own.put(turn.id(), own(turn.id()) * speaker(turn) * dated(turn)));
        Retellings retellings = new Retellings(visited.stream()
                .map(turn -> new Retellings.Told(turn.occurredAt(), Words.of(turn.content()))).toList());
        List<Scored> ranked = new ArrayList<>();
        for (int place = 0; place < visited.size(); place++) {
            StoredMessage turn = visited.get(place);
            double score = own.get(turn.id())
                    + weights.neighbourWeight() * best(next.get(turn.id()), own)
                    + weights.secondNeighbourWeight() * best(twoAway.get(turn.id()), own);
            double retold = retellings.retells(place) ? weights.retellingWorth() : 1;
            ranked.add(new Scored(turn, score * worth(turn.content()) * retold));
        }
        ranked.sort(Comparator.comparingDouble(Scored::score).reversed()
                .thenComparing(scored -> scored.turn().id()));
        return ranked;
    }

    /** A turn found, with the score it is ranked by. */
    public record Scored(StoredMessage turn, double score) {
    }

    /** How much a turn holds to be recalled for, whatever it matches: one that asks, or says little, holds less. */
    private double worth(String content) {
        double asking = Questions.asks(content) ? weights.questionWorth() : 1;
        int full = weights.fullLength();
        return full > 0 && content.length() < full ? asking * Math.pow((double) content.length() / full, 0.25) : asking;
    }

    private double speaker(StoredMessage turn) {
        boolean named = namedSpeakers.computeIfAbsent(turn.authorName().toLowerCase(Locale.ROOT).strip(),
                name -> name.length() > 1 && namesAsAWord(name));
        return named ? 1 + weights.speakerBoost() : 1;
    }

    /** Whether the message holds {@code name} with no letter or digit joined to it (looked for by hand: per turn). */
    private boolean namesAsAWord(String name) {
        for (int at = sought.indexOf(name); at >= 0; at = sought.indexOf(name, at + 1)) {
            int end = at + name.length();
            if ((at == 0 || !isWordPart(sought.codePointBefore(at)))
                    && (end == sought.length() || !isWordPart(sought.codePointAt(end)))) {
                return true;
            }
        }
        return false;
    }

    /** A letter or a number (the classes {@code \p{L}} and {@code \p{N}}). */
    private static boolean isWordPart(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isLetter(codePoint) || type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    private double dated(StoredMessage turn) {
        return when.filter(window -> window.holds(turn.occurredAt())).isPresent() ? 1 + weights.dateBoost() : 1;
    }

    private static void link(Map<String, Set<String>> links, String one, String other) {
        if (other != null) {
            links.computeIfAbsent(one, id -> new HashSet<>()).add(other);
            links.computeIfAbsent(other, id -> new HashSet<>()).add(one);
        }
    }

    private static double best(Set<String> ids, Map<String, Double> own) {
        return ids == null ? 0 : ids.stream().mapToDouble(id -> own.getOrDefault(id, 0.0)).max().orElse(0);
    }
}
