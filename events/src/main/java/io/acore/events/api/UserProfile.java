package io.acore.events.api;

import java.time.Instant;
import java.util.List;

/** Who a user was in one scope: the names they went by, when they came and went, how much they said. */
public record UserProfile(String scope, List<String> displayNames, Instant firstSeen, Instant lastSeen,
        long messageCount) {
}
