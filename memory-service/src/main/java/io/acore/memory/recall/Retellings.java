package io.acore.memory.recall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a turn says again what was said before: nearly all its words ({@link #SHARE}) stand in one or two earlier
 * turns. A reply that restates the question it answers and what it was told, a message repeating an earlier one, adds
 * nothing to remember beside them; the first telling keeps its place.
 *
 * <p>Built once over the turns a ranking weighs, each word with the turns that hold it, so that a turn is compared only
 * with the earlier turns sharing a word with it. The one or two earlier turns are the ones sharing the most words,
 * the first in the given order among equals.
 */
final class Retellings {
    /** The share of a turn's words found earlier at which it says nothing new. */
    static final double SHARE = 0.85;

    private final List<Told> turns;
    /** Each word, with the places in {@link #turns} of the turns that hold it. */
    private final Map<String, List<Integer>> holders = new HashMap<>();

    /** A turn's words and when it was said. */
    record Told(Instant at, Set<String> words) {
    }

    Retellings(List<Told> turns) {
        this.turns = List.copyOf(turns);
        for (int place = 0; place < turns.size(); place++) {
            for (String word : turns.get(place).words()) {
                holders.computeIfAbsent(word, held -> new ArrayList<>()).add(place);
            }
        }
    }

    /** Whether the turn at {@code place} retells the turns said before it. */
    boolean retells(int place) {
        Told turn = turns.get(place);
        Set<String> words = turn.words();
        if (words.isEmpty()) {
            return false;
        }
        int first = -1;
        int most = -1;
        int[] shared = sharedWithEach(words);
        for (int other = 0; other < turns.size(); other++) {
            if (before(other, turn) && shared[other] > most) {
                first = other;
                most = shared[other];
            }
        }
        if (first < 0) {
            return false; // nothing said before it
        }
        Set<String> rest = new HashSet<>(words);
        rest.removeAll(turns.get(first).words());
        int[] sharedAgain = sharedWithEach(rest);
        int second = 0;
        for (int other = 0; other < turns.size(); other++) {
            if (before(other, turn)) {
                second = Math.max(second, sharedAgain[other]);
            }
        }
        return words.size() - rest.size() + second >= SHARE * words.size();
    }

    /** How many of {@code words} each turn holds, by place. */
    private int[] sharedWithEach(Set<String> words) {
        int[] shared = new int[turns.size()];
        for (String word : words) {
            for (int place : holders.getOrDefault(word, List.of())) {
                shared[place]++;
            }
        }
        return shared;
    }

    private boolean before(int other, Told turn) {
        return turns.get(other).at().isBefore(turn.at());
    }
}
