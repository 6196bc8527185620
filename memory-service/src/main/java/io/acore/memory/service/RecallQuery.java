package io.acore.memory.service;

import java.util.regex.Pattern;

/**
 * What recall looks for in a message: its text without the name of the persona it addresses ("Sable, what did …",
 * "… @sable?"). The name says who is asked, not what about, and in a channel where everyone addresses the same
 * persona it makes every earlier question look like the new one.
 */
final class RecallQuery {
    private RecallQuery() {
    }

    static String of(String message, String personaId) {
        if (personaId == null || personaId.isBlank()) {
            return message;
        }
        String withoutName = Pattern.compile("@?\\b" + Pattern.quote(personaId) + "\\b[,:]?",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(message).replaceAll("").strip();
        return withoutName.codePoints().anyMatch(Character::isLetterOrDigit) ? withoutName : message;
    }
}
