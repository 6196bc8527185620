package io.acore.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

@ConfigMapping(prefix = "acore")
public interface GatewayConfig {
    Gateway gateway();

    Discord discord();

    interface Gateway {
        /** Longer messages are refused with a reply that says so. */
        @WithDefault("4000")
        int maxMessageLength();

        /** How many turns the web chat shows when a channel is opened. */
        @WithDefault("100")
        int historyLimit();

        /** How many messages one user may send per minute, on Discord and in the web chat together. */
        @WithDefault("10")
        int messagesPerMinute();
    }

    interface Discord {
        /** The bot token; without it the Discord adapter stays off and only the web chat runs. */
        Optional<String> token();

        /** Another REST base URL than Discord's (a proxy, or a local fake in tests), ending in {@code /api/v10/}. */
        Optional<String> restUrl();

        /** Another gateway WebSocket URL than Discord's. */
        Optional<String> gatewayUrl();
    }
}
