package io.acore.persona.card;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One entry of a card's lorebook ({@code character_book}): its content goes into the prompt when one of its keys
 * appears in the scanned text and its secondary keys agree as its {@link Logic} says (for a selective entry), or
 * always when it is constant. With {@code regex} its keys are regular expressions ({@code /…/flags} or bare), as
 * SillyTavern reads them.
 *
 * @param excludeRecursion never set off by another entry's content, only by the conversation
 * @param preventRecursion its own content sets off no other entry
 * @param depth            for {@link Placement#AT_DEPTH}: how many turns from the newest it is put
 */
public record LoreEntry(List<String> keys, List<String> secondaryKeys, boolean selective, Logic logic,
        boolean constant, boolean caseSensitive, boolean regex, boolean excludeRecursion, boolean preventRecursion,
        int insertionOrder, Placement placement, int depth, String content) {

    /**
     * Where the content goes in the prompt: before the character's description, after its definition (the default),
     * or among the conversation's turns, {@code depth} turns from the newest.
     */
    public enum Placement {
        BEFORE_CHAR, AFTER_CHAR, AT_DEPTH
    }

    /** How a selective entry's secondary keys decide, numbered as SillyTavern's {@code selectiveLogic}. */
    public enum Logic {
        AND_ANY, NOT_ALL, NOT_ANY, AND_ALL;

        static Logic of(int number) {
            return number >= 0 && number < values().length ? values()[number] : AND_ANY;
        }
    }

    public boolean matches(String text) {
        if (constant) {
            return true;
        }
        if (keys.stream().noneMatch(key -> found(key, text))) {
            return false;
        }
        if (!selective || secondaryKeys.isEmpty()) {
            return true;
        }
        long found = secondaryKeys.stream().filter(key -> found(key, text)).count();
        return switch (logic) {
            case AND_ANY -> found > 0;
            case AND_ALL -> found == secondaryKeys.size();
            case NOT_ANY -> found == 0;
            case NOT_ALL -> found < secondaryKeys.size();
        };
    }

    private boolean found(String key, String text) {
        if (key.isBlank()) {
            return false;
        }
        if (regex) {
            return pattern(key).map(pattern -> pattern.matcher(text).find()).orElse(false);
        }
        return caseSensitive ? text.contains(key) : text.toLowerCase(Locale.ROOT).contains(key.toLowerCase(Locale.ROOT));
    }

    /** A regex key, {@code /body/flags} (i: ignore case, s: dot matches all, m: multi-line) or bare; none if invalid. */
    private Optional<Pattern> pattern(String key) {
        String body = key;
        int flags = caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        int last = key.lastIndexOf('/');
        if (key.startsWith("/") && last > 0) {
            body = key.substring(1, last);
            String given = key.substring(last + 1);
            flags |= given.contains("i") ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
            flags |= given.contains("s") ? Pattern.DOTALL : 0;
            flags |= given.contains("m") ? Pattern.MULTILINE : 0;
        }
        try {
            return Optional.of(Pattern.compile(body, flags));
        } catch (PatternSyntaxException invalid) {
            return Optional.empty();
        }
    }
}
