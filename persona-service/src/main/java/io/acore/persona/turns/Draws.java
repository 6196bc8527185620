package io.acore.persona.turns;

import io.acore.events.Sha256;

/**
 * Chance, decided by what it is about: the same message and persona draw the same number on every replica and every
 * time the message is read, so a decision taken again comes out the same.
 */
final class Draws {
    private Draws() {
    }

    /** A number in [0, 1) that {@code parts} alone decide. */
    static double of(String... parts) {
        String digest = Sha256.hex(String.join("\u0000", parts));
        return Long.parseLong(digest.substring(0, 13), 16) / (double) (1L << 52);
    }
}
