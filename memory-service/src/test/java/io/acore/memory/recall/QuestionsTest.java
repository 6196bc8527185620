package io.acore.memory.recall;

import static org.assertj.core.api.Assertions.assertThat;

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
}
