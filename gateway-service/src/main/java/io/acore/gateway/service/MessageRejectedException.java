package io.acore.gateway.service;

/**
 * A message the gateway will not pass on; the message is shown to the user as is. {@code tellUser} is false
 * where telling again would only be noise (a user already told they are sending too fast).
 */
public class MessageRejectedException extends RuntimeException {
    private final int status;
    private final boolean tellUser;

    public MessageRejectedException(int status, String message) {
        this(status, message, true);
    }

    public MessageRejectedException(int status, String message, boolean tellUser) {
        super(message);
        this.status = status;
        this.tellUser = tellUser;
    }

    public int status() {
        return status;
    }

    public boolean tellUser() {
        return tellUser;
    }
}
