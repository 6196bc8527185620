package io.acore.events.api;

import java.time.Instant;

/**
 * Something a user said about themselves.
 *
 * @param kind   trait, interest, preference or fact
 * @param shared known to every persona, not only the one that learned it
 */
public record RememberedFact(String kind, String content, boolean shared, Instant updatedAt) {
}
