package io.acore.memory.recall;

import java.util.regex.Pattern;

/**
 * Whether a turn asks rather than tells, by its words: its last sentence begins as an English question does, with
 * an interrogative ("what", "when", "how", …) or an auxiliary put first ("did", "are", "could", …), after an
 * opening "so", "and", "oh" and the like. A question mark alone decides nothing: "Tell me about it?" tells, and
 * "What a day." counts as asking, as rarely as people write it.
 */
final class Questions {
    private static final Pattern SENTENCES = Pattern.compile("(?<=[.!?])\\s+|\\n");
    private static final Pattern ASKING = Pattern.compile("^(?:so |and |but |oh |hey |well |anyway )?(?:what|what's|"
            + "whats|how|how's|why|when|where|who|which|whose|do|does|did|is|isn't|are|aren't|was|were|have|has|had|"
            + "can|could|would|will|won't|should|shall|may|any|anything|got|ever)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern OPENING_QUOTES = Pattern.compile("^[\\s\"'(]+");

    private Questions() {
    }

    static boolean asks(String turn) {
        String[] sentences = SENTENCES.split(turn.strip());
        for (int i = sentences.length - 1; i >= 0; i--) {
            String sentence = OPENING_QUOTES.matcher(sentences[i]).replaceFirst("");
            if (!sentence.isBlank()) {
                return ASKING.matcher(sentence).find();
            }
        }
        return false;
    }
}
