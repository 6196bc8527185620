package io.acore.events;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where people talk to acore. Its wire name starts every conversation id and user id of that platform. */
public enum Platform {
    DISCORD, WEB;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** A user's id as acore writes it: {@code discord:<snowflake>}, {@code web:<name>}. */
    public String userId(String platformUserId) {
        return wireName() + ':' + Require.text(platformUserId, "platform user id");
    }
}
