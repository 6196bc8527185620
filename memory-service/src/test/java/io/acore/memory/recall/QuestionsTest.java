package io.acore.memory.recall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class QuestionsTest {

    @Test
    void aTurnAsksWhenItsLastSentenceBeginsAsAQuestionDoes() {
        assertThat(Questions.asks("Did you ever finish the pottery class?")).isTrue();
        assertThat(Questions.asks("That sounds lovely! So how did the first lesson go")).isTrue();
        assertThat(Questions.asks("\"What's the name of the shelter?\"")).isTrue();
        assertThat(Questions.asks("I went hiking.\nWhere should I go next?")).isTrue();
    }

    @Test
    void aTurnThatTellsDoesNotAskWhateverItsPunctuation() {
        assertThat(Questions.asks("We adopted a dog called Biscuit.")).isFalse();
        assertThat(Questions.asks("Tell me more about it?")).isFalse();
        assertThat(Questions.asks("What did I do? I signed up for pottery, of course.")).isFalse();
        assertThat(Questions.asks("Anyone could see it. Howard was thrilled.")).isFalse();
        assertThat(Questions.asks("   ")).isFalse();
    }

    /**
     * The same answers as cutting the turn with patterns (a sentence ends at a line break or at white space after
     * ".", "!" or "?"; its opening quotes, brackets and spaces dropped; the last one not blank decides), on random
     * turns made of the pieces that decide where sentences end and begin.
     */
    @Test
    void answersAsCuttingTheTurnWithPatterns() {
        Pattern sentences = Pattern.compile("(?<=[.!?])\\s+|\\n");
        Pattern opening = Pattern.compile("^[\\s\"'(]+");
        String[] pieces = {"what", "how", "did", "so ", "oh ", "are", "We", "went", "whatever", " ", "  ", "\n", "\t",
            "\r\n", ".", "!", "?", "\"", "'", "(", "\u2003", "\u00a0", "x", "."};
        Random random = new Random(11);
        int asking = 0;
        for (int trial = 0; trial < 20_000; trial++) {
            StringBuilder turn = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                turn.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = turn.toString();
            boolean expected = false;
            String[] cut = sentences.split(text.strip());
            for (int i = cut.length - 1; i >= 0; i--) {
                String sentence = opening.matcher(cut[i]).replaceFirst("");
                if (!sentence.isBlank()) {
                    expected = Questions.ASKING.matcher(sentence).find();
                    asking += expected ? 1 : 0;
                    break;
                }
            }
            assertThat(Questions.asks(text)).as("%s", text.replace("\n", "\\n")).isEqualTo(expected);
        }
        assertThat(asking).as("turns that ask, among those drawn").isGreaterThan(2_000);
    }
}
