package io.acore.gateway.client;

import io.acore.events.HistoryEntry;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * memory-service's API: the web chat's history comes from there (the gateway keeps none), and what a user asks
 * to see or erase of their own messages.
 */
@RegisterRestClient(configKey = "memory")
@Path("/api")
public interface MemoryClient {
    /** One message a user wrote, with its conversation. */
    record UserMessage(String conversationId, String id, String content, Instant at) {
    }

    @GET
    @Path("/conversations/{conversationId}/messages")
    List<HistoryEntry> recent(@PathParam("conversationId") String conversationId, @QueryParam("limit") int limit);

    @GET
    @Path("/users/{authorId}/messages")
    Uni<List<UserMessage>> messagesOf(@PathParam("authorId") String authorId);

    @DELETE
    @Path("/users/{authorId}/messages")
    Uni<Map<String, Integer>> forget(@PathParam("authorId") String authorId);
}
