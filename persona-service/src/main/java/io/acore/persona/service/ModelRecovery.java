package io.acore.persona.service;

import io.acore.persona.client.ChatModelClient;
import io.acore.persona.client.ChatTurn;
import io.acore.persona.client.Completion;
import io.acore.persona.config.PersonaConfig;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Waits for the model to come back for a message whose conversation was already told it is unreachable: rather
 * than dropping the message, it asks again whenever the model's circuit lets calls through, for at most
 * {@code acore.persona.model-outage-wait}. The wait holds the message's place, so its conversation stays in order
 * and the number of messages waiting stays bounded.
 */
@ApplicationScoped
public class ModelRecovery {
    private static final Duration PAUSE = Duration.ofSeconds(1);

    private final ChatModelClient llm;
    private final CircuitBreakerMaintenance circuits;
    private final Duration patience;

    public ModelRecovery(ChatModelClient llm, CircuitBreakerMaintenance circuits, PersonaConfig config) {
        this.llm = llm;
        this.circuits = circuits;
        this.patience = config.modelOutageWait();
    }

    /** The model's answer once it is back, or empty when it did not come back in time. */
    public Optional<Completion> whenBack(List<ChatTurn> prompt, Consumer<String> textSoFar) {
        Instant giveUp = Instant.now().plus(patience);
        while (Instant.now().isBefore(giveUp)) {
            if (circuits.currentState(ChatModelClient.CIRCUIT) != CircuitBreakerState.OPEN) {
                try {
                    return Optional.of(llm.complete(prompt, textSoFar, llm.deadlineFromNow()));
                } catch (RuntimeException stillFailing) {
                    if (!ModelFailures.isModelFailure(stillFailing)) {
                        throw stillFailing;
                    }
                }
            }
            if (!pause()) {
                break;
            }
        }
        return Optional.empty();
    }

    private static boolean pause() {
        try {
            Thread.sleep(PAUSE.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
