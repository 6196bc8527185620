package io.acore.memory.recall;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecallQueryTest {

    @Test
    void theNameOfThePersonaAddressedIsNotWhatIsSoughtWhereverItStands() {
        assertThat(RecallQuery.of("Sable, what did Nadia win?", "sable", null)).isEqualTo("what did Nadia win?");
        assertThat(RecallQuery.of("what did Nadia win @sable", "sable", null)).isEqualTo("what did Nadia win");
        assertThat(RecallQuery.of("SABLE: and the bike?", "sable", null)).isEqualTo("and the bike?");
    }

    @Test
    void aPersonaIsAddressedByTheNameMembersSeeAsWellAsByItsId() {
        assertThat(RecallQuery.of("Lady Sable, where did I park the van?", "lady-sable", "Lady Sable"))
                .isEqualTo("where did I park the van?");
        assertThat(RecallQuery.of("lady-sable: where did I park the van?", "lady-sable", "Lady Sable"))
                .isEqualTo("where did I park the van?");
        assertThat(RecallQuery.of("Zoë, was the ferry late?", "zoe", "Zoë")).isEqualTo("was the ferry late?");
    }

    @Test
    void otherWordsAndAMessageThatIsOnlyTheNameStayAsTheyAre() {
        assertThat(RecallQuery.of("Sables are small and fierce", "sable", "Sable"))
                .isEqualTo("Sables are small and fierce");
        assertThat(RecallQuery.of("Sable?", "sable", "Sable")).isEqualTo("Sable?");
        assertThat(RecallQuery.of("Ask Orrin about the bike", "sable", "Sable")).isEqualTo("Ask Orrin about the bike");
        assertThat(RecallQuery.of("Lady Grey tea, please", "lady-sable", "Lady Sable"))
                .isEqualTo("Lady Grey tea, please");
    }

    @Test
    void aShortMessageIsEmbeddedWhole() {
        String question = "Do you remember what happened with the kite at the lake?";
        assertThat(RecallQuery.meaningOf(question)).isEqualTo(question);
    }

    @Test
    void aLongMessageIsEmbeddedFromAWordNearItsEnd() {
        String story = "We walked along the harbour wall while the ferry came in late again. ".repeat(20);
        String question = "Do you remember what happened with the kite at the lake?";

        String message = story + question;
        String meaning = RecallQuery.meaningOf(message);

        assertThat(meaning).endsWith(question).hasSizeLessThanOrEqualTo(RecallQuery.MEANING_CHARACTERS);
        assertThat(message).endsWith(meaning);
        assertThat(Character.isWhitespace(message.charAt(message.length() - meaning.length() - 1))).isTrue();
        assertThat(RecallQuery.meaningOf("x".repeat(5_000))).hasSize(RecallQuery.MEANING_CHARACTERS);
        String unspaced = "\uD83C\uDF19" + "x".repeat(RecallQuery.MEANING_CHARACTERS - 1);
        assertThat(RecallQuery.meaningOf(unspaced)).isEqualTo("x".repeat(RecallQuery.MEANING_CHARACTERS - 1));
    }
}
