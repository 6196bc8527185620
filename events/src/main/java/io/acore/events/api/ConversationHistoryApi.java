package io.acore.events.api;

import io.acore.events.ConversationId;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** memory-service's history query, as persona-service and the gateway's web chat call it. */
public interface ConversationHistoryApi {
    /** The newest {@code limit} turns of the conversation (1 to 200), oldest first. */
    @GET
    @Path("/api/conversations/{conversationId}/messages")
    @Produces(MediaType.APPLICATION_JSON)
    List<HistoryEntry> recent(@PathParam("conversationId") ConversationId conversationId, @QueryParam("limit") int limit);
}
