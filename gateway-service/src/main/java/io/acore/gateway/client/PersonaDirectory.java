package io.acore.gateway.client;

import io.acore.events.api.PersonaSummary;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Who can answer, from persona-service, for the chat page. A person is waiting, so it gives
 * up after 3 s; while persona-service keeps failing the circuit opens and callers hear so at once.
 */
@ApplicationScoped
public class PersonaDirectory {
    private final PersonaClient personas;

    public PersonaDirectory(@RestClient PersonaClient personas) {
        this.personas = personas;
    }

    @AsynchronousNonBlocking
    @Timeout(3000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000)
    public Uni<List<PersonaSummary>> list() {
        return personas.list();
    }
}
