package io.acore.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConversationIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"web:lobby", "discord:200000000000000002:300000000000000003", "discord:dm:42"})
    void readsWhatItWrites(String wire) {
        assertThat(ConversationId.fromString(wire).toString()).isEqualTo(wire);
    }

    @Test
    void knowsItsPartsAndPlatform() {
        ConversationId guild = ConversationId.fromString("discord:12:34");
        assertThat(guild.platform()).isEqualTo(Platform.DISCORD);
        assertThat(guild.guildId()).isEqualTo("12");
        assertThat(guild.channelId()).isEqualTo("34");
        assertThat(guild.isDirectMessage()).isFalse();
        assertThat(ConversationId.fromString("discord:dm:34")).isEqualTo(ConversationId.discordDirect("34"))
                .matches(ConversationId::isDirectMessage);
        assertThat(ConversationId.web("library")).isEqualTo(ConversationId.fromString("web:library"))
                .extracting(ConversationId::platform).isEqualTo(Platform.WEB);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "lobby", "web:", "web:a:b", "web:two words", "irc:lobby", "discord:12",
        "discord:12:thirty", "discord:x:34", "discord:12:34:56"})
    void refusesWhatIsNotAConversationIdAndSaysWhy(String wire) {
        assertThatThrownBy(() -> ConversationId.fromString(wire)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'");
    }

    @Test
    void aPartIsOneToAHundredCharactersAndASnowflakeOneToTwentyDigits() {
        assertThat(ConversationId.web("a".repeat(100)).channelId()).hasSize(100);
        assertThat(ConversationId.web("\uD83C\uDF19".repeat(100)).channelId()).hasSize(200); // a moon: one character
        assertThat(ConversationId.discord("1".repeat(20), "2").guildId()).hasSize(20);
        assertThatThrownBy(() -> ConversationId.web("a".repeat(101))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConversationId.web("tab\there")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConversationId.web("bell\u0007")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConversationId.discord("1".repeat(21), "2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConversationId.discordDirect("\u0663")) // an Arabic-Indic three: not a Discord id
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void userIdsCarryTheirPlatform() {
        assertThat(Platform.DISCORD.userId("555")).isEqualTo("discord:555");
        assertThat(Platform.WEB.userId("ada")).isEqualTo("web:ada");
    }
}
