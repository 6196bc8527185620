package io.acore.events.llm;

/** The model server answered, but not with something usable (bad request, unknown model, not the wire format). */
public class LlmResponseException extends RuntimeException {
    public LlmResponseException(String message) {
        super(message);
    }

    public LlmResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
