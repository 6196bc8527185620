package io.acore.memory.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acore.events.llm.CallOptions;
import io.acore.events.llm.ChatTurn;
import io.acore.events.llm.LlmResponseException;
import io.acore.events.llm.LlmSettingsCheck;
import io.acore.events.llm.LlmUnavailableException;
import io.acore.events.llm.ModelEndpoint;
import io.acore.events.llm.ModelServer;
import io.acore.events.text.ReasoningBlocks;
import io.acore.memory.config.ThinkingConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * The thinking model, for background work only (never on the reply path): one instruction, one input, one whole
 * answer, without the model's reasoning blocks. It is the model server persona-service streams replies from, asked
 * through the same client ({@link ModelServer}) with the same context window; while it is unavailable the fallback
 * model answers, when one is set. A call that fails is tried twice more; while the model keeps failing the work's
 * circuit opens and it waits for a later round.
 */
@Startup
@ApplicationScoped
public class ThinkingModel {
    private final ThinkingConfig config;
    private final ModelServer model;
    private final Optional<ModelServer> fallback;
    private final MeterRegistry registry;

    public ThinkingModel(ThinkingConfig config, ObjectMapper json, MeterRegistry registry) {
        LlmSettingsCheck.requireValid(config);
        this.config = config;
        this.registry = registry;
        this.model = new ModelServer(ModelEndpoint.besides(config, config.thinking()), config.connectTimeout(), json);
        this.fallback = ModelEndpoint.fallback(config)
                .map(endpoint -> new ModelServer(endpoint, config.connectTimeout(), json));
        for (String work : List.of("summary", "facts")) {
            calls(work, "main"); // at zero from the start, so a rate over them reads 0 rather than nothing
        }
    }

    /**
     * A summary with the episode it folds, asked for as a JSON object; its circuit is its own, so failing summaries
     * never stop fact extraction, nor the reverse.
     */
    @Retry(maxRetries = 2, delay = 2000, jitter = 500)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30_000)
    @CircuitBreakerName("thinking-model-summaries")
    public String summary(String instructions, String input) {
        return answer("summary", instructions, input, config.thinking().jsonMode());
    }

    /** Facts found in turns, asked for as a JSON object; a circuit of its own. */
    @Retry(maxRetries = 2, delay = 2000, jitter = 500)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30_000)
    @CircuitBreakerName("thinking-model-facts")
    public String facts(String instructions, String input) {
        return answer("facts", instructions, input, config.thinking().jsonMode());
    }

    /**
     * Asks the model; every call made counts ({@code acore_memory_thinking_calls_total}, by work and by model, main
     * or fallback), retries too.
     */
    private String answer(String work, String instructions, String input, boolean json) {
        ThinkingConfig.Thinking thinking = config.thinking();
        CallOptions options = new CallOptions(thinking.maxTokens(), config.contextTokens(), thinking.temperature(),
                json);
        List<ChatTurn> prompt = List.of(ChatTurn.system(instructions), ChatTurn.user(input));
        calls(work, "main").increment();
        String raw;
        try {
            raw = model.answer(prompt, options, Instant.now().plus(thinking.timeout())).text();
        } catch (LlmUnavailableException unavailable) {
            if (fallback.isEmpty()) {
                throw unavailable;
            }
            calls(work, "fallback").increment();
            raw = fallback.get().answer(prompt, options, Instant.now().plus(thinking.timeout())).text();
        }
        String text = ReasoningBlocks.strip(raw).strip();
        if (text.isEmpty()) {
            throw new LlmResponseException("the thinking model answered nothing");
        }
        return text;
    }

    private Counter calls(String work, String model) {
        return Counter.builder("acore.memory.thinking.calls").description("calls to the thinking model, retries included")
                .tag("work", work).tag("model", model).register(registry);
    }

    @PreDestroy
    void stop() {
        model.stop();
        fallback.ifPresent(ModelServer::stop);
    }
}
