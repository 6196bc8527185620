package io.acore.events.llm;

/** The model server could not be reached, timed out or failed on its side; trying again may help. */
public class LlmUnavailableException extends RuntimeException {
    public LlmUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
