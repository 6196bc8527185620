package io.acore.persona.service;

import io.acore.events.api.ContextRequest;
import io.acore.events.api.MemoryContext;
import io.acore.persona.client.MemoryClient;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/** What memory-service holds for an answer; when memory is slow or down the persona answers without it. */
@ApplicationScoped
public class ConversationMemory {
    private static final Logger LOG = Logger.getLogger(ConversationMemory.class);

    /** What memory returned, and whether it really came from memory (false: memory was unavailable). */
    public record Remembered(MemoryContext context, boolean fromMemory) {
    }

    /** The circuit breaker around memory calls, named so that readiness can report it. */
    public static final String CIRCUIT = "memory";

    private final MemoryClient memory;

    public ConversationMemory(@RestClient MemoryClient memory) {
        this.memory = memory;
    }

    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000)
    @CircuitBreakerName(CIRCUIT)
    @Fallback(fallbackMethod = "withoutMemory")
    public Remembered context(ContextRequest request) {
        return new Remembered(memory.context(request), true);
    }

    Remembered withoutMemory(ContextRequest request, Throwable cause) {
        LOG.warnf("Answering in %s without memory: memory-service unavailable (%s)", request.conversationId(),
                cause.toString());
        return new Remembered(MemoryContext.EMPTY, false);
    }
}
