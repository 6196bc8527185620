package io.acore.persona.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import io.acore.events.ChatMessage;
import io.acore.persona.card.CharacterCard;
import io.acore.persona.card.Lorebook;
import io.acore.testkit.TestEvents;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MacrosTest {
    private static final CharacterCard SABLE = new CharacterCard("sable", "Sable", "", "", "", "", "", "", "", null,
            List.of(), Lorebook.NONE, null);

    private static String expand(ChatMessage message, String text) {
        return new Macros(SABLE, message).expand(text);
    }

    @Test
    void namesTimesAndUnknownMacros() {
        ChatMessage message = TestEvents.writtenAt(Instant.parse("2026-12-05T16:42:00Z"),
                TestEvents.webMessage("lobby", "ada", "hi"));

        assertThat(expand(message, "{{Char}} greets {{USER}} at {{time}} on {{weekday}}, {{date}}. {{unknown}}"))
                .isEqualTo("Sable greets ada at 4:42 PM on Saturday, December 5, 2026. {{unknown}}");
    }

    @Test
    void randomIsOneOptionThatTheSameMessageAlwaysGetsAndBothStylesRead() {
        ChatMessage message = TestEvents.webMessage("lobby", "ada", "hi");
        String text = "{{random:tea,coffee\\, black,water}} and {{random::rain::snow}} for {{random::{{user}}::{{char}}}}";

        String once = expand(message, text);
        assertThat(expand(message, text)).isEqualTo(once);
        assertThat(once).matches("(tea|coffee, black|water) and (rain|snow) for (ada|Sable)");
        Set<String> overMessages = new HashSet<>();
        IntStream.range(0, 30).forEach(i -> overMessages.add(expand(TestEvents.webMessage("lobby", "ada", "hi"),
                "{{random:a,b,c,d,e,f}}")));
        assertThat(overMessages).as("new each message").hasSizeGreaterThan(1);
    }

    @Test
    void pickStaysTheSameForTheWholeConversation() {
        Set<String> picked = new HashSet<>();
        IntStream.range(0, 20).forEach(i -> picked.add(expand(TestEvents.webMessage("lobby", "ada", "hi " + i),
                "{{pick::north::south::east::west::up::down}}")));
        assertThat(picked).hasSize(1);
    }

    @Test
    void diceRollWithinTheirRange() {
        IntStream.range(0, 50).forEach(i -> {
            ChatMessage message = TestEvents.webMessage("lobby", "ada", "roll " + i);
            assertThat(Integer.parseInt(expand(message, "{{roll:2d6}}"))).isBetween(2, 12);
            assertThat(Integer.parseInt(expand(message, "{{roll:d20}}"))).isBetween(1, 20);
            assertThat(Integer.parseInt(expand(message, "{{roll 6}}"))).isBetween(1, 6);
        });
        assertThat(expand(TestEvents.webMessage("lobby", "ada", "x"), "{{roll:3d1+2}}")).isEqualTo("5");
    }
}
