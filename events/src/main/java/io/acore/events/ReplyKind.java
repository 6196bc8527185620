package io.acore.events;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * What a {@link Reply} is: the character speaking ({@link #PERSONA}), a system notice such as "the model is
 * unreachable", never shown as the character's words ({@link #NOTICE}), or a started reply that ended with
 * nothing to show ({@link #CANCELLED}, final and empty).
 */
public enum ReplyKind {
    PERSONA, NOTICE, CANCELLED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How a final reply of this kind is kept in a conversation's history; a cancelled one is not kept. */
    public Optional<Role> role() {
        return switch (this) {
            case PERSONA -> Optional.of(Role.PERSONA);
            case NOTICE -> Optional.of(Role.NOTICE);
            case CANCELLED -> Optional.empty();
        };
    }
}
