package io.acore.events.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/** A configured secret, compared with what a caller sends in constant time, whatever the two lengths. */
public final class SharedSecret {
    private final byte[] digest;

    private SharedSecret(String secret) {
        this.digest = digest(secret);
    }

    /** The secret, unless it is not configured (absent or blank). */
    public static Optional<SharedSecret> of(Optional<String> configured) {
        return configured.filter(secret -> !secret.isBlank()).map(SharedSecret::new);
    }

    public boolean matches(String given) {
        return given != null && MessageDigest.isEqual(digest, digest(given));
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
