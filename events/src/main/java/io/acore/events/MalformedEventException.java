package io.acore.events;

/** A record that cannot be read as the expected event; the message says why, for the dead-letter topic. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
