package io.acore.memory.recall;

import java.util.regex.Pattern;

/**
 * Whether a turn asks rather than tells, by its words: its last sentence begins as an English question does, with
 * an interrogative ("what", "when", "how", …) or an auxiliary put first ("did", "are", "could", …), after an
 * opening "so", "and", "oh" and the like. A question mark alone decides nothing: "Tell me about it?" tells, and
 * "What a day." counts as asking, as rarely as people write it.
 *
 * <p>A sentence ends at a line break, or where white space follows ".", "!" or "?"; quotes, brackets and white space
 * opening it are passed over, and a sentence with nothing else in it does not count. The turn is cut into sentences
 * by hand, not by a pattern: a ranking asks this of every turn it weighs.
 */
final class Questions {
    static final Pattern ASKING = Pattern.compile("^(?:so |and |but |oh |hey |well |anyway )?(?:what|what's|"
            + "whats|how|how's|why|when|where|who|which|whose|do|does|did|is|isn't|are|aren't|was|were|have|has|had|"
            + "can|could|would|will|won't|should|shall|may|any|anything|got|ever)\\b", Pattern.CASE_INSENSITIVE);
    /** White space as a sentence's end knows it: the ASCII kinds. */
    private static final String SPACES = " \t\n\u000B\f\r";

    private Questions() {
    }

    static boolean asks(String turn) {
        String text = turn.strip();
        int lastStart = -1;
        int lastEnd = -1;
        for (int start = 0; start <= text.length(); ) {
            int end = sentenceEnd(text, start);
            int opening = opening(text, start, end);
            if (!isBlank(text, opening, end)) {
                lastStart = opening;
                lastEnd = end;
            }
            start = nextSentence(text, end);
        }
        return lastStart >= 0 && ASKING.matcher(text).region(lastStart, lastEnd).useAnchoringBounds(true).find();
    }

    /** Where the sentence beginning at {@code start} ends: at a line break, at white space after ".", "!" or "?". */
    private static int sentenceEnd(String text, int start) {
        for (int at = start; at < text.length(); at++) {
            if (endsAfterStop(text, at) || text.charAt(at) == '\n') {
                return at;
            }
        }
        return text.length();
    }

    /** Where the sentence after the one ending at {@code end} begins: past the white space or the line break. */
    private static int nextSentence(String text, int end) {
        if (end == text.length() || !endsAfterStop(text, end)) {
            return end + 1;
        }
        int next = end;
        while (next < text.length() && isSpace(text.charAt(next))) {
            next++;
        }
        return next;
    }

    private static boolean endsAfterStop(String text, int at) {
        return isSpace(text.charAt(at)) && at > 0 && ".!?".indexOf(text.charAt(at - 1)) >= 0;
    }

    /** Where the sentence from {@code start} to {@code end} begins past its opening quotes, brackets and spaces. */
    private static int opening(String text, int start, int end) {
        int at = start;
        while (at < end && (isSpace(text.charAt(at)) || "\"'(".indexOf(text.charAt(at)) >= 0)) {
            at++;
        }
        return at;
    }

    private static boolean isBlank(String text, int start, int end) {
        for (int at = start; at < end; at++) {
            if (!Character.isWhitespace(text.charAt(at))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(char c) {
        return SPACES.indexOf(c) >= 0;
    }
}
