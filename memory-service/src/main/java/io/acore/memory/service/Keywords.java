package io.acore.memory.service;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The words of a text worth searching for: letters and digits only, three or more of them, each once. */
final class Keywords {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{3,40}");
    private static final int MOST = 32;

    private Keywords() {
    }

    static List<String> of(String text) {
        Set<String> words = new LinkedHashSet<>();
        Matcher matcher = WORD.matcher(text);
        while (matcher.find() && words.size() < MOST) {
            words.add(matcher.group().toLowerCase(Locale.ROOT));
        }
        return List.copyOf(words);
    }
}
