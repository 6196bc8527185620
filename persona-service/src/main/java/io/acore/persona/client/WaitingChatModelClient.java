package io.acore.persona.client;

import io.acore.events.llm.ChatTurn;
import io.acore.events.llm.Completion;
import io.acore.events.llm.LlmBusyException;
import io.acore.events.llm.LlmDeadlineException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * The model as the reply path calls it: each attempt within the calls the server takes at once
 * ({@link ModelConcurrency}); while the server says it is full ({@link LlmBusyException}) the call waits its turn and
 * asks again, until the call's one deadline. A full server is load, not failure: it neither opens the circuit
 * breaker nor turns into a notice while there is time left.
 */
@ApplicationScoped
public class WaitingChatModelClient {
    private final ChatModelClient model;
    private final ModelConcurrency concurrency;

    public WaitingChatModelClient(ChatModelClient model, ModelConcurrency concurrency) {
        this.model = model;
        this.concurrency = concurrency;
    }

    public Instant deadlineFromNow() {
        return model.deadlineFromNow();
    }

    /**
     * {@link ChatModelClient#complete}, asked again a moment after the server said it is full: by then the limit is
     * the server's size, so the call waits for a place rather than being refused again.
     */
    @Retry(maxRetries = -1, maxDuration = 0, delay = 100, jitter = 80, retryOn = LlmBusyException.class,
            abortOn = LlmDeadlineException.class)
    public Completion complete(List<ChatTurn> messages, ModelTuning tuning, Consumer<String> textSoFar,
            Instant deadline) {
        return concurrency.call(() -> model.complete(messages, tuning, textSoFar, deadline), deadline);
    }
}
