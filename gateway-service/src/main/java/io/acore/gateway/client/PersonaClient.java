package io.acore.gateway.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** persona-service's catalogue of personas. */
@RegisterRestClient(configKey = "persona")
@Path("/api/personas")
public interface PersonaClient {
    /** The fields the gateway shows of a persona. */
    record Persona(String id, String name, String description) {
    }

    @GET
    Uni<List<Persona>> list();
}
