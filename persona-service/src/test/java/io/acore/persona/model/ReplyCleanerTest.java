package io.acore.persona.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplyCleanerTest {
    private final ReplyCleaner cleaner = new ReplyCleaner();

    @Test
    void stripsReasoningAndTheNamePrefix() {
        assertThat(cleaner.clean("<think>they want tea</think>\nSable: Tea's on.", "Sable")).isEqualTo("Tea's on.");
        assertThat(cleaner.clean("**Sable**: Tea's on.", "Sable")).isEqualTo("Tea's on.");
    }

    @Test
    void hidesAnUnfinishedThoughtWhileStreaming() {
        assertThat(cleaner.clean("Hm. <think>still thinking about", "Sable")).isEqualTo("Hm.");
    }

    @Test
    void leavesTheNameInsideASentenceAlone() {
        assertThat(cleaner.clean("Sable: call me Sable: everyone does", "Sable")).isEqualTo("call me Sable: everyone does");
    }

    @Test
    void dropsWhatCannotBeShownOrStored() {
        assertThat(cleaner.clean("Tea\u0000 is\u0007 on.\r\nTwo\tcups \ud800\ud83c\udf75", "Sable"))
                .isEqualTo("Tea is on.\nTwo\tcups \ud83c\udf75");
    }
}
