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

    private static Pattern address(String name) {
        return ADDRESSES.get(name.toLowerCase(Locale.ROOT), lower -> Pattern.compile(
                "@?(?<![\\p{L}\\p{N}])" + Pattern.quote(lower) + "(?![\\p{L}\\p{N}])[,:]?",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }
}
