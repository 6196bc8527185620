package io.acore.gateway.service;

import io.acore.events.Platform;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Who a web chat user is, proven without accounts: the chat page makes a random key once and keeps it in the
 * browser; the user's id is derived from it ({@code web:k<hash>}), so it may be shown to anyone while only the
 * key's holder can post as that user or see, export and erase what memory holds about them.
 */
public final class WebIdentity {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{32,128}");

    private WebIdentity() {
    }

    /** The user id the key stands for; refuses a key too short to be unguessable. */
    public static String userId(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new MessageRejectedException(400,
                    "the web key must be 32 to 128 letters, digits, dashes or underscores (the chat page makes one)");
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
            return Platform.WEB.userId("k" + HexFormat.of().formatHex(hash, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
