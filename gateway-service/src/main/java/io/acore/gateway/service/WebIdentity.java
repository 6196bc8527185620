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
    private static final Pattern KEYED_ID = Pattern.compile("k[0-9a-f]{32}");

    private WebIdentity() {
    }

    /**
     * The id of a user who posts without a key, known by name alone; a name shaped like a keyed user's id is
     * refused, or anyone could post as that user by typing the id the history shows.
     */
    public static String userIdByName(String name) {
        if (KEYED_ID.matcher(name).matches()) {
            throw new MessageRejectedException(400, "that name is reserved: choose another");
        }
        return Platform.WEB.userId(name);
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
