package io.acore.gateway.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiscordMessageSplitterTest {

    @Test
    void keepsShortTextWhole() {
        assertThat(DiscordMessageSplitter.split("hello")).containsExactly("hello");
    }

    @Test
    void splitsAtLineBreaksThenSpacesWithinTheLimit() {
        String text = "a".repeat(1500) + "\n" + "b ".repeat(600) + "c".repeat(2500);
        List<String> pieces = DiscordMessageSplitter.split(text);

        assertThat(pieces).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(2000));
        assertThat(pieces.get(0)).isEqualTo("a".repeat(1500));
        assertThat(String.join("", pieces).replaceAll("\\s", "")).isEqualTo(text.replaceAll("\\s", ""));
    }

    @Test
    void aCodeBlockThatFitsOneMessageIsNotCut() {
        String code = "```java\n" + "int x = 1;\n".repeat(100) + "```";
        String text = "word ".repeat(300) + "\n" + code + "\nThat is all.";
        List<String> pieces = DiscordMessageSplitter.split(text);

        assertThat(pieces).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(2000));
        assertThat(pieces).anySatisfy(p -> assertThat(p).startsWith("```java").contains(code));
        assertThat(String.join("", pieces).replaceAll("\\s", "")).isEqualTo(text.replaceAll("\\s", ""));
    }

    @Test
    void aCodeBlockLongerThanAMessageIsCutLikeText() {
        String code = "```\n" + "line of code\n".repeat(300) + "```";
        List<String> pieces = DiscordMessageSplitter.split(code);

        assertThat(pieces).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(2000));
        assertThat(String.join("\n", pieces)).isEqualTo(code);
    }
}
