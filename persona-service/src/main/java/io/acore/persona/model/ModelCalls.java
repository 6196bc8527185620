package io.acore.persona.model;

import io.acore.events.llm.ChatTurn;
import io.acore.events.llm.Completion;
import io.acore.events.llm.LlmDeadlineException;
import io.acore.persona.client.ChatModelClient;
import io.acore.persona.client.FallbackChatModelClient;
import io.acore.persona.client.ModelTuning;
import io.acore.persona.client.WaitingChatModelClient;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The model as replies ask it: the main model, and when it fails (unreachable, garbage, its circuit open) the
 * fallback model, if one is configured, within the same deadline. Which model spoke is in the completion (and so
 * in the {@code llm.completed} event).
 */
@ApplicationScoped
public class ModelCalls {
    private final WaitingChatModelClient main;
    private final FallbackChatModelClient fallback;
    private final CircuitBreakerMaintenance circuits;

    public ModelCalls(WaitingChatModelClient main, FallbackChatModelClient fallback,
            CircuitBreakerMaintenance circuits) {
        this.main = main;
        this.fallback = fallback;
        this.circuits = circuits;
    }

    public Instant deadlineFromNow() {
        return main.deadlineFromNow();
    }

    /** The call is a span of the message's trace (while tracing is on), its failure recorded there. */
    @WithSpan("model call")
    public Completion complete(List<ChatTurn> messages, ModelTuning tuning, Consumer<String> textSoFar,
            Instant deadline) {
        try {
            return main.complete(messages, tuning, textSoFar, deadline);
        } catch (RuntimeException failure) {
            if (!fallback.configured() || failure instanceof LlmDeadlineException
                    || !ModelFailures.isModelFailure(failure)) {
                throw failure;
            }
            try {
                return fallback.complete(messages, tuning, textSoFar, deadline);
            } catch (RuntimeException fallbackFailure) {
                failure.addSuppressed(fallbackFailure);
                throw failure;
            }
        }
    }

    /** Whether a call may get through now: a circuit, the main one's or the fallback's, lets calls pass. */
    public boolean mayTry() {
        return circuits.currentState(ChatModelClient.CIRCUIT) != CircuitBreakerState.OPEN
                || fallback.configured()
                && circuits.currentState(FallbackChatModelClient.CIRCUIT) != CircuitBreakerState.OPEN;
    }
}
