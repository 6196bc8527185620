package io.acore.persona.service;

import io.acore.events.ConversationId;
import io.acore.events.api.HistoryEntry;
import io.acore.persona.client.MemoryClient;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/** Recent turns from memory-service; when memory is slow or down the persona answers without them. */
@ApplicationScoped
public class ConversationHistory {
    private static final Logger LOG = Logger.getLogger(ConversationHistory.class);

    /** The turns, and whether they really came from memory (false: memory was unavailable). */
    public record Turns(List<HistoryEntry> entries, boolean fromMemory) {
    }

    /** The circuit breaker around memory lookups, named so that readiness can report it. */
    public static final String CIRCUIT = "memory";

    private final MemoryClient memory;

    public ConversationHistory(@RestClient MemoryClient memory) {
        this.memory = memory;
    }

    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000)
    @CircuitBreakerName(CIRCUIT)
    @Fallback(fallbackMethod = "withoutMemory")
    public Turns recent(ConversationId conversationId, int limit) {
        return new Turns(memory.recent(conversationId, limit), true);
    }

    Turns withoutMemory(ConversationId conversationId, int limit, Throwable cause) {
        LOG.warnf("Answering %s without history: memory-service unavailable (%s)", conversationId, cause.toString());
        return new Turns(List.of(), false);
    }
}
