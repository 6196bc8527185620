package io.acore.persona.card;

import java.util.List;
import java.util.Locale;

/**
 * One entry of a card's lorebook ({@code character_book}): its content goes into the prompt when one of its keys
 * appears in the recent conversation (and, for a selective entry, one of its secondary keys too), or always when
 * it is constant.
 */
public record LoreEntry(List<String> keys, List<String> secondaryKeys, boolean selective, boolean constant,
        boolean caseSensitive, int insertionOrder, String content) {

    public boolean matches(String text) {
        if (constant) {
            return true;
        }
        return anyIn(keys, text) && (!selective || secondaryKeys.isEmpty() || anyIn(secondaryKeys, text));
    }

    private boolean anyIn(List<String> words, String text) {
        String haystack = caseSensitive ? text : text.toLowerCase(Locale.ROOT);
        return words.stream().filter(key -> !key.isBlank())
                .map(key -> caseSensitive ? key : key.toLowerCase(Locale.ROOT))
                .anyMatch(haystack::contains);
    }
}
