package io.acore.gateway.discord;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookNamesTest {

    @Test
    void aNameDiscordWouldRefuseIsMendedNotDropped() {
        assertThat(WebhookNames.sanitised("Sable")).contains("Sable");
        assertThat(WebhookNames.sanitised("  Old   Discord Bot ")).contains("Old D\u200Aiscord Bot");
        assertThat(WebhookNames.sanitised("clyde")).contains("c\u200Alyde");
        assertThat(WebhookNames.sanitised("everyone")).contains("everyone\u200A");
        assertThat(WebhookNames.sanitised("N".repeat(120))).hasValueSatisfying(name -> {
            assertThat(name).hasSize(WebhookNames.MAX_LENGTH).endsWith("…");
        });
    }

    @Test
    void nothingToShowIsNoName() {
        assertThat(WebhookNames.sanitised("   ")).isEmpty();
        assertThat(WebhookNames.sanitised(null)).isEmpty();
    }
}
