package io.acore.gateway.service;

/** A message the gateway will not pass on; the message is shown to the user as is. */
public class MessageRejectedException extends RuntimeException {
    private final int status;

    public MessageRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
