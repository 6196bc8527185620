package io.acore.gateway.client;

import io.acore.events.api.ConversationHistoryApi;
import io.acore.events.api.ErasedMessages;
import io.acore.events.api.UserMessage;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * memory-service's API: the web chat's history comes from there (the gateway keeps none), and what a user asks
 * to see or erase of their own messages.
 */
@RegisterRestClient(configKey = "memory")
public interface MemoryClient extends ConversationHistoryApi {
    @GET
    @Path("/api/users/{authorId}/messages")
    Uni<List<UserMessage>> messagesOf(@PathParam("authorId") String authorId);

    @DELETE
    @Path("/api/users/{authorId}/messages")
    Uni<ErasedMessages> forget(@PathParam("authorId") String authorId);
}
