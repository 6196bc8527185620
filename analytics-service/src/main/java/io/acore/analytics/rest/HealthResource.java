package io.acore.analytics.rest;

import io.acore.analytics.service.SystemHealth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Overall health of acore, open to anyone: only UP or DOWN, no detail an outsider could use. */
@Path("/api/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {
    private final SystemHealth health;

    public HealthResource(SystemHealth health) {
        this.health = health;
    }

    @GET
    public CompletionStage<Response> health() {
        return health.allReady().thenApply(up -> Response.status(up ? 200 : 503)
                .entity(Map.of("status", up ? "UP" : "DOWN")).build());
    }
}
