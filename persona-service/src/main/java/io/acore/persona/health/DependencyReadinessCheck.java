package io.acore.persona.health;

import io.acore.persona.client.ChatModelClient;
import io.acore.persona.service.ConversationHistory;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows whether the model and memory are answering, from the circuit breakers around them (no extra calls).
 * Not ready while the model's circuit is open: personas can only post notices then. Memory being away only
 * degrades replies (no history), so it is reported but keeps the service ready.
 */
@Readiness
@ApplicationScoped
public class DependencyReadinessCheck implements HealthCheck {
    private final CircuitBreakerMaintenance circuits;

    public DependencyReadinessCheck(CircuitBreakerMaintenance circuits) {
        this.circuits = circuits;
    }

    @Override
    public HealthCheckResponse call() {
        CircuitBreakerState model = circuits.currentState(ChatModelClient.CIRCUIT);
        CircuitBreakerState memory = circuits.currentState(ConversationHistory.CIRCUIT);
        return HealthCheckResponse.named("dependencies")
                .status(model != CircuitBreakerState.OPEN)
                .withData("model", describe(model))
                .withData("memory", describe(memory))
                .build();
    }

    private static String describe(CircuitBreakerState state) {
        return switch (state) {
            case CLOSED -> "answering";
            case OPEN -> "failing: calls paused";
            case HALF_OPEN -> "recovering: trying again";
        };
    }
}
