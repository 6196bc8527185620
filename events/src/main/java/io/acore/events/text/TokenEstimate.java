package io.acore.events.text;

/**
 * A deliberately cautious token count without a model's own tokenizer, the one persona- and memory-service budget
 * prompts with. It errs on the high side so that a prompt fits: about 3.5 characters per token for Latin-script
 * text, digits, punctuation and spaces; two letters per token for other alphabets (Cyrillic, Greek, Arabic, Hebrew,
 * Indic…); one token per character for Chinese, Japanese, Korean and Thai, and per emoji or other symbol, which
 * tokenizers split finest.
 */
public final class TokenEstimate {
    /** The tokens a chat message's framing (role, separators) takes besides its text. */
    public static final int PER_MESSAGE = 4;
    private static final double LATIN_CHARS_PER_TOKEN = 3.5;
    private static final double OTHER_LETTERS_PER_TOKEN = 2;

    private TokenEstimate() {
    }

    /** The tokens of a text inside a message, without the message's framing. */
    public static int of(String text) {
        double tokens = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            tokens += weight(codePoint);
        }
        return (int) Math.ceil(tokens - 1e-9);
    }

    /** The tokens of a whole chat message: its text and its framing. */
    public static int ofMessage(String text) {
        return of(text) + PER_MESSAGE;
    }

    private static double weight(int codePoint) {
        if (codePoint < 0x80) {
            // ASCII (letters, digits, punctuation, spaces, controls) is Latin or common script and no symbol; this
            // skips looking the script up in the JDK's table, which took a reply's prompt a millisecond of CPU
            return 1 / LATIN_CHARS_PER_TOKEN;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return switch (script) {
            case HAN, HIRAGANA, KATAKANA, HANGUL, THAI, LAO, KHMER, MYANMAR, TIBETAN -> 1;
            case LATIN, INHERITED -> 1 / LATIN_CHARS_PER_TOKEN;
            case COMMON -> symbol(codePoint) ? 1 : 1 / LATIN_CHARS_PER_TOKEN;
            default -> 1 / OTHER_LETTERS_PER_TOKEN;
        };
    }

    /** Emoji and other pictographs, and CJK punctuation: each its own token or more. */
    private static boolean symbol(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isSupplementaryCodePoint(codePoint) || type == Character.OTHER_SYMBOL
                || codePoint >= 0x3000 && codePoint <= 0x303F || codePoint >= 0xFF00 && codePoint <= 0xFFEF;
    }
}
