package io.acore.persona.card;

/** A character card that cannot be used; the message says why. */
public class InvalidCardException extends RuntimeException {
    public InvalidCardException(String message) {
        super(message);
    }

    public InvalidCardException(String message, Throwable cause) {
        super(message, cause);
    }
}
