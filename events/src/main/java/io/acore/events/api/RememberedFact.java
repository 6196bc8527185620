package io.acore.events.api;

import java.time.Instant;

/**
 * Something a user said about themselves.
 *
 * @param kind       trait, interest, preference or fact
 * @param shared     known to every persona, not only the one that learned it
 * @param validFrom  when the user said it
 * @param validUntil when a later statement changed or retracted it; {@code null} while it still holds
 */
public record RememberedFact(String kind, String content, boolean shared, Instant validFrom, Instant validUntil) {

    public boolean holds() {
        return validUntil == null;
    }
}
