package io.acore.persona.model;

import io.acore.events.text.ReasoningBlocks;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Removes what models add around a character's words: {@code <think>…</think>} reasoning (an unfinished block
 * hides everything after it, so streaming never shows half a thought) and a leading "Name:" prefix. Model output
 * is untrusted text like user input: control characters (a NUL, which PostgreSQL refuses to store, among them)
 * and halves of surrogate pairs are dropped.
 */
@ApplicationScoped
public class ReplyCleaner {
    private static final Pattern UNPRINTABLE = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]|\\p{Cs}");
    private final Map<String, Pattern> namePrefixes = new ConcurrentHashMap<>();

    public String clean(String raw, String personaName) {
        String printable = UNPRINTABLE.matcher(raw).replaceAll("");
        String text = ReasoningBlocks.strip(printable).strip();
        Pattern namePrefix = namePrefixes.computeIfAbsent(personaName, name -> Pattern.compile(
                "^\\**" + Pattern.quote(name) + "\\**\\s*:\\s*", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        return namePrefix.matcher(text).replaceFirst("").strip();
    }
}
