package io.acore.memory.recall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RetellingsTest {
    private static final String TOLD = "We adopted a dog called Biscuit from the shelter on Elm Street last spring.";
    private static final String ASKED = "What is the name of Maria's dog?";

    @Test
    void aReplyMadeOfItsQuestionAndAnEarlierTurnRetellsThem() {
        assertThat(Retellings.retells(Words.of("Maria's dog is called Biscuit, adopted from the shelter on Elm Street."),
                List.of(Words.of(TOLD), Words.of(ASKED)))).isTrue();
    }

    @Test
    void aTurnThatAddsSomethingOfItsOwnIsNoRetelling() {
        assertThat(Retellings.retells(Words.of("Biscuit bit the postman on Monday and hid under the porch all day."),
                List.of(Words.of(TOLD), Words.of(ASKED)))).isFalse();
    }

    @Test
    void wordsSpreadOverThreeOrMoreEarlierTurnsAreNoRetelling() {
        assertThat(Retellings.retells(Words.of("Biscuit, pottery and chess"),
                List.of(Words.of("Biscuit"), Words.of("pottery"), Words.of("chess")))).isFalse();
    }

    @Test
    void aTurnWithoutWordsOrWithNothingBeforeItIsNoRetelling() {
        assertThat(Retellings.retells(Words.of("?!"), List.of(Words.of(TOLD)))).isFalse();
        assertThat(Retellings.retells(Words.of(TOLD), List.of())).isFalse();
    }
}
