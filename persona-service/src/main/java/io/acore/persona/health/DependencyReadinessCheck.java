package io.acore.persona.health;

import io.acore.persona.client.ChatModelClient;
import io.acore.persona.client.FallbackChatModelClient;
import io.acore.persona.model.ModelCalls;
import io.acore.persona.service.ConversationMemory;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows whether the model and memory are answering, from the circuit breakers around them (no extra calls).
 * Not ready while the model's circuit is open and no fallback model answers: personas can only post notices then. Memory being away only
 * degrades replies (no history), so it is reported but keeps the service ready.
 */
@Readiness
@ApplicationScoped
public class DependencyReadinessCheck implements HealthCheck {
    private final CircuitBreakerMaintenance circuits;
    private final ModelCalls models;
    private final FallbackChatModelClient fallback;

    public DependencyReadinessCheck(CircuitBreakerMaintenance circuits, ModelCalls models,
            FallbackChatModelClient fallback) {
        this.circuits = circuits;
        this.models = models;
        this.fallback = fallback;
    }

    @Override
    public HealthCheckResponse call() {
        CircuitBreakerState model = circuits.currentState(ChatModelClient.CIRCUIT);
        CircuitBreakerState memory = circuits.currentState(ConversationMemory.CIRCUIT);
        HealthCheckResponseBuilder response = HealthCheckResponse.named("dependencies")
                .status(models.mayTry())
                .withData("model", describe(model))
                .withData("memory", describe(memory));
        if (fallback.configured()) {
            response.withData("fallback-model", describe(circuits.currentState(FallbackChatModelClient.CIRCUIT)));
        }
        return response.build();
    }

    private static String describe(CircuitBreakerState state) {
        return switch (state) {
            case CLOSED -> "answering";
            case OPEN -> "failing: calls paused";
            case HALF_OPEN -> "recovering: trying again";
        };
    }
}
