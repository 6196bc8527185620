package io.acore.events.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReasoningBlocksTest {
    @Test
    void reasoningIsNeverPartOfTheAnswer() {
        assertThat(ReasoningBlocks.strip("<think>they want JSON {\"a\":1}</think>{\"facts\":[]}"))
                .isEqualTo("{\"facts\":[]}");
        assertThat(ReasoningBlocks.strip("<THINKING>hm</THINKING>Hello <think>x</think>there"))
                .isEqualTo("Hello there");
        assertThat(ReasoningBlocks.strip("Hello <think>still going")).as("unfinished").isEqualTo("Hello ");
        assertThat(ReasoningBlocks.strip("no reasoning here")).isEqualTo("no reasoning here");
    }
}
