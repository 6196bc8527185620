package io.acore.gateway.client;

import io.acore.events.api.PersonaSummary;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** persona-service's catalogue of personas. */
@RegisterRestClient(configKey = "persona")
@Path("/api/personas")
public interface PersonaClient {
    @GET
    Uni<List<PersonaSummary>> list();
}
