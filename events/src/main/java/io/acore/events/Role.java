package io.acore.events;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Who speaks in a conversation's history: a user, a persona, or the system with a notice. */
public enum Role {
    USER, PERSONA, NOTICE;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The name on the wire, in memory's table and in the web chat: user, persona, notice. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Role fromWireName(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("no role '" + name + "'");
    }
}
