package io.acore.memory.recall;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether a turn says again what was said before: nearly all its words ({@link #SHARE}) stand in one or two earlier
 * turns. A reply that restates the question it answers and what it was told, a message repeating an earlier one, adds
 * nothing to remember beside them; the first telling keeps its place.
 */
final class Retellings {
    /** The share of a turn's words found earlier at which it says nothing new. */
    static final double SHARE = 0.85;

    private Retellings() {
    }

    /** {@code earlier}: the words of turns said before it. */
    static boolean retells(Set<String> words, Collection<Set<String>> earlier) {
        if (words.isEmpty()) {
            return false;
        }
        Set<String> first = Set.of();
        int most = -1;
        for (Set<String> said : earlier) {
            int shared = shared(words, said);
            if (shared > most) {
                first = said;
                most = shared;
            }
        }
        Set<String> rest = new HashSet<>(words);
        rest.removeAll(first);
        int second = earlier.stream().mapToInt(said -> shared(rest, said)).max().orElse(0);
        return words.size() - rest.size() + second >= SHARE * words.size();
    }

    private static int shared(Set<String> words, Set<String> said) {
        int shared = 0;
        for (String word : words) {
            if (said.contains(word)) {
                shared++;
            }
        }
        return shared;
    }
}
