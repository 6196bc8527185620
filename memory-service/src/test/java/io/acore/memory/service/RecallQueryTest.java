package io.acore.memory.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecallQueryTest {

    @Test
    void theNameOfThePersonaAddressedIsNotWhatIsSoughtWhereverItStands() {
        assertThat(RecallQuery.of("Sable, what did Nadia win?", "sable")).isEqualTo("what did Nadia win?");
        assertThat(RecallQuery.of("what did Nadia win @sable", "sable")).isEqualTo("what did Nadia win");
        assertThat(RecallQuery.of("SABLE: and the bike?", "sable")).isEqualTo("and the bike?");
    }

    @Test
    void otherWordsAndAMessageThatIsOnlyTheNameStayAsTheyAre() {
        assertThat(RecallQuery.of("Sables are small and fierce", "sable")).isEqualTo("Sables are small and fierce");
        assertThat(RecallQuery.of("Sable?", "sable")).isEqualTo("Sable?");
        assertThat(RecallQuery.of("Ask Orrin about the bike", "sable")).isEqualTo("Ask Orrin about the bike");
    }
}
