package io.acore.gateway.service;

import java.time.Instant;

/**
 * One line of the web chat, as the API and the live stream show it.
 *
 * @param role     user, persona or notice; {@code cancelled} on the live stream when a started reply ends empty
 * @param partial  true while a persona's reply is still streaming; the final line replaces it (same id)
 */
public record ChatLine(String id, String role, Author author, String content, boolean partial, int sequence,
        String inReplyTo, Instant at) {

    /** A user's name, or a persona's display name with its id. */
    public record Author(String name, String personaId) {
    }
}
