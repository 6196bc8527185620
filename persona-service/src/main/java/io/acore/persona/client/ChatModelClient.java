package io.acore.persona.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acore.events.llm.CallOptions;
import io.acore.events.llm.ChatTurn;
import io.acore.events.llm.Completion;
import io.acore.events.llm.LlmBusyException;
import io.acore.events.llm.LlmDeadlineException;
import io.acore.events.llm.LlmUnavailableException;
import io.acore.events.llm.ModelEndpoint;
import io.acore.events.llm.ModelServer;
import io.acore.persona.config.LlmConfig;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Streams chat completions from the configured model server ({@link ModelServer}, in its wire format). One deadline bounds each call, from the request to the last token, retries included. Blocking: call it
 * from a worker thread.
 */
@ApplicationScoped
public class ChatModelClient {
    /** The circuit breaker around model calls, named so that readiness can report it. */
    public static final String CIRCUIT = "model";
    /** How long the circuit stays open before it lets a call through to try the model again. */
    public static final long CIRCUIT_DELAY_MILLIS = 5_000;

    private final LlmConfig config;
    private final CallOptions options;
    private final ModelServer server;

    public ChatModelClient(LlmConfig config, ObjectMapper json) {
        this.config = config;
        this.options = CallOptions.reply(config);
        this.server = new ModelServer(ModelEndpoint.main(config), config.connectTimeout(), json);
    }

    /** When a call starting now must be finished: {@code ACORE_LLM_TIMEOUT} from now, retries included. */
    public Instant deadlineFromNow() {
        return Instant.now().plus(config.timeout());
    }

    /**
     * Asks the model to continue {@code messages} (as {@code tuning} says), finished by {@code deadline} ({@link #deadlineFromNow()}). While
     * tokens arrive, {@code textSoFar} receives the whole answer so far (so a retried attempt simply starts over).
     * A failure that may pass is retried within the same deadline; running out of time is not retried. The retry
     * wraps the circuit breaker: every attempt, retries included, counts towards opening it, and once it is open a
     * call fails at once with {@code CircuitBreakerOpenException}, which is not retried. A full server
     * ({@link LlmBusyException}) is neither retried here nor counted as a failure: {@link WaitingChatModelClient}
     * waits for it.
     */
    @Retry(maxRetries = 2, delay = 300, jitter = 200, retryOn = LlmUnavailableException.class,
            abortOn = {LlmDeadlineException.class, LlmBusyException.class})
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.8, delay = CIRCUIT_DELAY_MILLIS,
            failOn = LlmUnavailableException.class, skipOn = LlmBusyException.class)
    @CircuitBreakerName(CIRCUIT)
    public Completion complete(List<ChatTurn> messages, ModelTuning tuning, Consumer<String> textSoFar,
            Instant deadline) {
        return server.stream(messages, tuning.applied(options), textSoFar, deadline);
    }

    @PreDestroy
    void stop() {
        server.stop();
    }
}
