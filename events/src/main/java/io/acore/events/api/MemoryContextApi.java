package io.acore.events.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** memory-service's one call on the reply path, as persona-service calls it. */
public interface MemoryContextApi {
    @POST
    @Path("/api/context")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    MemoryContext context(ContextRequest request);
}
