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
    void userIdsCarryTheirPlatform() {
        assertThat(Platform.DISCORD.userId("555")).isEqualTo("discord:555");
        assertThat(Platform.WEB.userId("ada")).isEqualTo("web:ada");
    }
}
