package io.acore.events.llm;

/**
 * The model server is up but full (429, or 503 with {@code Retry-After} or saying it is busy, as Ollama does when
 * its queue is full): the call should wait its turn, and the server is not failing.
 */
public class LlmBusyException extends LlmUnavailableException {
    public LlmBusyException(String message) {
        super(message, null);
    }
}
