package io.acore.events.api;

import java.time.Instant;

/**
 * Something memory holds that a user said about themselves, as the user sees it ({@code /memory show},
 * {@code /memory export}).
 *
 * @param scope     where it was said: {@code discord:<guild>}, or the DM's or web session's conversation
 * @param personaId the persona that learned it, or {@code *} when every persona shares it
 * @param validUntil when a later statement changed or retracted it; {@code null} while it still holds
 */
public record UserFact(String scope, String personaId, String kind, String topic, String content, double confidence,
        Instant createdAt, Instant updatedAt, Instant validUntil) {
}
