package io.acore.gateway.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;

/** Cleans what users type before it enters the system: no control characters, tidy whitespace. */
@ApplicationScoped
public class InputSanitizer {
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]|[\\u200B-\\u200F\\u2028-\\u202E\\u2066-\\u2069\\uFEFF]");
    private static final Pattern SPACES = Pattern.compile("[\\t \\u00A0]+");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n(\\s*\\n)+");

    /** Whether the text is well-formed Unicode: no half of a surrogate pair standing alone. */
    public boolean isWellFormed(String text) {
        return text == null || text.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
    }

    /** How long the text is in characters (code points), the way people count: an emoji is one. */
    public int length(String text) {
        return text == null ? 0 : text.codePointCount(0, text.length());
    }

    public String clean(String text) {
        if (text == null) {
            return "";
        }
        String noControls = CONTROL.matcher(text.replace("\r\n", "\n").replace('\r', '\n')).replaceAll("");
        String spaced = SPACES.matcher(noControls).replaceAll(" ");
        return BLANK_LINES.matcher(spaced).replaceAll("\n\n").lines().map(String::strip)
                .reduce((a, b) -> a + "\n" + b).orElse("").strip();
    }
}
