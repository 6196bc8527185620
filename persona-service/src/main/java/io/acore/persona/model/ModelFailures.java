package io.acore.persona.model;

import io.acore.events.llm.LlmResponseException;
import io.acore.events.llm.LlmUnavailableException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/** Which failures mean "the model did not answer usefully", as opposed to a fault of persona-service itself. */
public final class ModelFailures {
    private ModelFailures() {
    }

    public static boolean isModelFailure(RuntimeException e) {
        return e instanceof LlmUnavailableException || e instanceof LlmResponseException
                || e instanceof CircuitBreakerOpenException;
    }
}
