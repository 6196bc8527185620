package io.acore.memory.client;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.acore.events.text.ReasoningBlocks;
import io.acore.memory.config.ThinkingConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * The thinking model, for background work only (never on the reply path): one instruction, one input, one
 * answer, without the model's reasoning blocks. A call that fails is tried twice more; while the model keeps failing
 * the work's circuit opens and it waits for a later round.
 */
@ApplicationScoped
public class ThinkingModel {
    private final ChatModel model;
    private final MeterRegistry registry;

    public ThinkingModel(ThinkingConfig config, MeterRegistry registry) {
        this.registry = registry;
        this.model = switch (config.api()) {
            case "ollama" -> OllamaChatModel.builder().baseUrl(config.baseUrl()).modelName(config.model())
                    .timeout(config.timeout()).temperature(0.2).maxRetries(0).build();
            case "openai" -> OpenAiChatModel.builder().baseUrl(config.baseUrl()).modelName(config.model())
                    .apiKey(config.apiKey().orElse("none")).timeout(config.timeout()).temperature(0.2)
                    .maxRetries(0).build();
            default -> throw new IllegalArgumentException(
                    "acore.thinking.api must be openai or ollama, not '" + config.api() + "'");
        };
    }

    /** A summary; its circuit is its own, so failing summaries never stop fact extraction, nor the reverse. */
    @Retry(maxRetries = 2, delay = 2000, jitter = 500)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30_000)
    @CircuitBreakerName("thinking-model-summaries")
    public String summary(String instructions, String input) {
        return answer("summary", instructions, input);
    }

    /** Facts found in turns; a circuit of its own. */
    @Retry(maxRetries = 2, delay = 2000, jitter = 500)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30_000)
    @CircuitBreakerName("thinking-model-facts")
    public String facts(String instructions, String input) {
        return answer("facts", instructions, input);
    }

    /** Asks the model; every call made counts ({@code acore_memory_thinking_calls_total}, by work), retries too. */
    private String answer(String work, String instructions, String input) {
        registry.counter("acore.memory.thinking.calls", "work", work).increment();
        String raw = model.chat(SystemMessage.from(instructions), UserMessage.from(input)).aiMessage().text();
        String text = raw == null ? "" : ReasoningBlocks.strip(raw).strip();
        if (text.isEmpty()) {
            throw new IllegalStateException("the thinking model answered nothing");
        }
        return text;
    }
}
