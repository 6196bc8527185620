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
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * The optional fallback model ({@code ACORE_LLM_FALLBACK_*}), with a retry and a circuit breaker of its own, so
 * that a failing fallback neither hides nor delays the main model's recovery.
 */
@ApplicationScoped
public class FallbackChatModelClient {
    /** The fallback's circuit breaker, named so that readiness can report it. */
    public static final String CIRCUIT = "fallback-model";

    private final CallOptions options;
    private final Optional<ModelServer> server;

    public FallbackChatModelClient(LlmConfig config, ObjectMapper json) {
        this.options = CallOptions.reply(config);
        this.server = ModelEndpoint.fallback(config)
                .map(endpoint -> new ModelServer(endpoint, config.connectTimeout(), json));
    }

    public boolean configured() {
        return server.isPresent();
    }

    /**
     * As {@link ChatModelClient#complete}, on the fallback model (a model {@code tuning} names is the main server's,
     * not asked for here); only when {@link #configured()}.
     */
    @Retry(maxRetries = 2, delay = 300, jitter = 200, retryOn = LlmUnavailableException.class,
            abortOn = {LlmDeadlineException.class, LlmBusyException.class})
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.8, delay = ChatModelClient.CIRCUIT_DELAY_MILLIS,
            failOn = LlmUnavailableException.class, skipOn = LlmBusyException.class)
    @CircuitBreakerName(CIRCUIT)
    public Completion complete(List<ChatTurn> messages, ModelTuning tuning, Consumer<String> textSoFar,
            Instant deadline) {
        return server.orElseThrow(() -> new IllegalStateException("no fallback model is configured"))
                .stream(messages, tuning.forFallback().applied(options), textSoFar, deadline);
    }

    @PreDestroy
    void stop() {
        server.ifPresent(ModelServer::stop);
    }
}
