package io.acore.gateway.client;

import io.acore.events.api.ConversationHistoryApi;
import io.acore.events.api.ErasedMessages;
import io.acore.events.api.ServiceToken;
import io.acore.events.api.UserMemoryReport;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * memory-service's API: the web chat's history comes from there (the gateway keeps none), and what a user asks
 * to see or erase of their own messages.
 */
@RegisterRestClient(configKey = "memory")
@ClientHeaderParam(name = ServiceToken.HEADER, value = "{io.acore.events.api.ServiceToken.configured}")
public interface MemoryClient extends ConversationHistoryApi {
    /** Everything memory holds about the user; with a conversation, that conversation's scope only. */
    @GET
    @Path("/api/users/{authorId}/memory")
    Uni<UserMemoryReport> memoryOf(@PathParam("authorId") String authorId, @QueryParam("conversation") String conversation);

    @DELETE
    @Path("/api/users/{authorId}/messages")
    Uni<ErasedMessages> forget(@PathParam("authorId") String authorId);
}
