package io.acore.persona.client;

import io.acore.events.ConversationId;
import io.acore.events.api.HistoryEntry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** memory-service's query API. */
@RegisterRestClient(configKey = "memory")
@Path("/api/conversations")
public interface MemoryClient {
    @GET
    @Path("/{conversationId}/messages")
    List<HistoryEntry> recent(@PathParam("conversationId") ConversationId conversationId, @QueryParam("limit") int limit);
}
