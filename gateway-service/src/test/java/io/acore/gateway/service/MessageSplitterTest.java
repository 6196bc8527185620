package io.acore.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessageSplitterTest {

    @Test
    void keepsShortTextWhole() {
        assertThat(MessageSplitter.split("hello", 2000)).containsExactly("hello");
    }

    @Test
    void splitsAtLineBreaksThenSpacesWithinTheLimit() {
        String text = "a".repeat(1500) + "\n" + "b ".repeat(600) + "c".repeat(2500);
        List<String> pieces = MessageSplitter.split(text, 2000);

        assertThat(pieces).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(2000));
        assertThat(pieces.get(0)).isEqualTo("a".repeat(1500));
        assertThat(String.join("", pieces).replaceAll("\\s", "")).isEqualTo(text.replaceAll("\\s", ""));
    }
}
