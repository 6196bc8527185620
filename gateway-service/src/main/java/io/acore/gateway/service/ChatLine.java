package io.acore.gateway.service;

import java.time.Instant;

/**
 * One line of the web chat, as the API and the live stream show it.
 *
 * @param role     who speaks ({@link io.acore.events.Role}'s wire name: user, persona, notice); on the live stream a
 *                 reply's line carries its {@link io.acore.events.ReplyKind}, so a started reply that ends empty
 *                 arrives as {@code cancelled}
 * @param partial  true while a persona's reply is still streaming; the final line replaces it (same id)
 */
public record ChatLine(String id, String role, Author author, String content, boolean partial, int sequence,
        String inReplyTo, Instant at) {

    /** A user's name, or a persona's display name with its id. */
    public record Author(String name, String personaId) {
    }
}
