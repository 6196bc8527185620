package io.acore.memory.recall;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a turn says again what was said before: nearly all its words ({@link #SHARE}) stand in one or two earlier
 * turns. A reply that restates the question it answers and what it was told, a message repeating an earlier one, adds
 * nothing to remember beside them; the first telling keeps its place.
 *
 * <p>Built once over the turns a ranking weighs: each turn's words as bits over the words of them all, so that the
 * words two turns share are counted a machine word at a time. The one or two earlier turns are the ones sharing the
 * most words, the first in the given order among equals.
 */
final class Retellings {
    /** The share of a turn's words found earlier at which it says nothing new. */
    static final double SHARE = 0.85;

    /** How many words each turn has, by place. */
    private final int[] sizes;
    /** Each turn's place in time, by place: a turn is said before another when its number is lower. */
    private final int[] moments;
    /** Each turn's words, by place: bit {@code i} stands for the {@code i}-th distinct word of all the turns. */
    private final long[][] words;

    /** A turn's words and when it was said. */
    record Told(Instant at, Set<String> words) {
    }

    Retellings(List<Told> turns) {
        this.sizes = turns.stream().mapToInt(turn -> turn.words().size()).toArray();
        List<Instant> times = turns.stream().map(Told::at).distinct().sorted().toList();
        this.moments = turns.stream().mapToInt(turn -> Collections.binarySearch(times, turn.at())).toArray();
        Map<String, Integer> numbers = new HashMap<>();
        turns.forEach(turn -> turn.words().forEach(word -> numbers.putIfAbsent(word, numbers.size())));
        int length = (numbers.size() + Long.SIZE - 1) / Long.SIZE;
        this.words = new long[turns.size()][length];
        for (int place = 0; place < turns.size(); place++) {
            for (String word : turns.get(place).words()) {
                int number = numbers.get(word);
                words[place][number / Long.SIZE] |= 1L << number;
            }
        }
    }

    /** Whether the turn at {@code place} retells the turns said before it. */
    boolean retells(int place) {
        int size = sizes[place];
        if (size == 0) {
            return false;
        }
        long[] own = words[place];
        int first = -1;
        int most = -1;
        for (int other = 0; other < words.length; other++) {
            if (moments[other] < moments[place]) {
                int shared = shared(own, words[other]);
                if (shared > most) {
                    first = other;
                    most = shared;
                }
            }
        }
        if (first < 0) {
            return false; // nothing said before it
        }
        long[] rest = new long[own.length];
        for (int i = 0; i < own.length; i++) {
            rest[i] = own[i] & ~words[first][i];
        }
        int second = 0;
        for (int other = 0; other < words.length; other++) {
            if (moments[other] < moments[place]) {
                second = Math.max(second, shared(rest, words[other]));
            }
        }
        return most + second >= SHARE * size;
    }

    private static int shared(long[] one, long[] other) {
        int count = 0;
        for (int i = 0; i < one.length; i++) {
            count += Long.bitCount(one[i] & other[i]);
        }
        return count;
    }
}
