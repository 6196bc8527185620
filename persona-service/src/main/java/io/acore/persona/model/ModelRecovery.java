package io.acore.persona.model;

import io.acore.events.llm.ChatTurn;
import io.acore.events.llm.Completion;
import io.acore.persona.client.ChatModelClient;
import io.acore.persona.client.ModelTuning;
import io.acore.persona.config.PersonaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Waits for the model to come back for a message it failed: rather than dropping the message, it asks again
 * whenever a model's circuit (the main one's, or the fallback's) lets calls through. A conversation not yet
 * told the model is unreachable waits briefly, long enough for the circuit to try the model once more, so that a message sent just as the model
 * returns is answered; one that was told waits up to {@code acore.persona.model-outage-wait}. The wait holds the
 * message's place, so its conversation stays in order and the number of messages waiting stays bounded.
 */
@ApplicationScoped
public class ModelRecovery {
    private static final Duration PAUSE = Duration.ofSeconds(1);
    private static final Duration BRIEFLY = Duration.ofMillis(ChatModelClient.CIRCUIT_DELAY_MILLIS).plus(PAUSE);

    private final ModelCalls llm;
    private final Duration patience;

    public ModelRecovery(ModelCalls llm, PersonaConfig config) {
        this.llm = llm;
        this.patience = config.modelOutageWait();
    }

    /** The model's answer once it is back, or empty when it did not come back in time. */
    public Optional<Completion> whenBack(List<ChatTurn> prompt, ModelTuning tuning, Consumer<String> textSoFar,
            boolean conversationTold) {
        Instant giveUp = Instant.now().plus(conversationTold ? patience : BRIEFLY);
        while (Instant.now().isBefore(giveUp)) {
            if (llm.mayTry()) {
                try {
                    return Optional.of(llm.complete(prompt, tuning, textSoFar, llm.deadlineFromNow()));
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
