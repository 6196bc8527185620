package io.acore.memory.recall;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What recall looks for in a message: its text without the persona it addresses, by id or by name ("Sable, what did
 * …", "… @sable?", "Lady Sable: and the bike?"). The name says who is asked, not what about, and in a channel where
 * everyone addresses the same persona it makes every earlier question look like the new one.
 */
public final class RecallQuery {
    /**
     * How much of a message its meaning is sought by: the embedding's time grows with the text (about 4 ms for 60
     * characters, 18 ms for 500, 94 ms for 2,000 on one core), and it lies on the reply's path.
     */
    static final int MEANING_CHARACTERS = 200;
    /** One pattern per persona name, compiled once: a server has a handful of personas, asked many times. */
    private static final Cache<String, Pattern> ADDRESSES = Caffeine.newBuilder().maximumSize(1_000).build();

    private RecallQuery() {
    }

    /** {@code personaName}: null when only the id is known. */
    public static String of(String message, String personaId, String personaName) {
        String without = message;
        for (String name : Stream.of(personaName, personaId)
                .filter(name -> name != null && !name.isBlank()).map(String::strip).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            without = address(name).matcher(without).replaceAll("").strip();
        }
        return without.codePoints().anyMatch(Character::isLetterOrDigit) ? without : message;
    }

    /**
     * What of {@code sought} is embedded: all of it when short, else its end from the first word that starts within
     * the last {@link #MEANING_CHARACTERS} characters. A long message mostly asks at its end (a story, then "do you
     * remember …?"); the keyword search still reads every word of it.
     */
    public static String meaningOf(String sought) {
        if (sought.length() <= MEANING_CHARACTERS) {
            return sought;
        }
        int from = sought.length() - MEANING_CHARACTERS;
        for (int at = from; at < sought.length(); at++) {
            if (Character.isWhitespace(sought.charAt(at - 1)) && !Character.isWhitespace(sought.charAt(at))) {
                return sought.substring(at);
            }
        }
        // no space to start from (a script written without them): never half a character
        return sought.substring(Character.isLowSurrogate(sought.charAt(from)) ? from + 1 : from);
    }

    private static Pattern address(String name) {
        return ADDRESSES.get(name.toLowerCase(Locale.ROOT), lower -> Pattern.compile(
                "@?(?<![\\p{L}\\p{N}])" + Pattern.quote(lower) + "(?![\\p{L}\\p{N}])[,:]?",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }
}
