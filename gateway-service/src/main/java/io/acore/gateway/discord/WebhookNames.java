package io.acore.gateway.discord;

import java.util.Locale;

/** Discord's rules for the name a webhook message is shown under. */
final class WebhookNames {
    private WebhookNames() {
    }

    static boolean isAllowed(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !name.isBlank() && name.length() <= 80 && !lower.contains("clyde") && !lower.contains("discord");
    }
}
