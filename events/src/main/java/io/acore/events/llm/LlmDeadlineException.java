package io.acore.events.llm;

/** The model did not finish within {@code ACORE_LLM_TIMEOUT}: the call's whole time is spent, so it is not retried. */
public class LlmDeadlineException extends LlmUnavailableException {
    public LlmDeadlineException(String message, Throwable cause) {
        super(message, cause);
    }
}
