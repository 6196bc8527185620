package io.acore.memory.rest;

import io.acore.events.ConversationId;
import io.acore.events.api.HistoryEntry;
import io.acore.memory.config.MemoryConfig;
import io.acore.memory.repository.MessageRepository;
import io.acore.memory.repository.StorageUnavailableException;
import io.acore.memory.repository.StoredMessage;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The query API over conversation history. */
@Path("/api/conversations/{conversationId}/messages")
@Produces(MediaType.APPLICATION_JSON)
public class ConversationResource {
    private final MessageRepository repository;
    private final MemoryConfig config;

    public ConversationResource(MessageRepository repository, MemoryConfig config) {
        this.repository = repository;
        this.config = config;
    }

    /** The newest {@code limit} turns of the conversation, oldest first. */
    @GET
    public List<HistoryEntry> recent(@PathParam("conversationId") String conversationId,
            @QueryParam("limit") @DefaultValue("20") int limit) {
        if (limit < 1 || limit > config.history().maxLimit()) {
            throw new BadRequestException("limit must be between 1 and " + config.history().maxLimit());
        }
        return repository.recent(conversation(conversationId), limit).stream().map(ConversationResource::entry).toList();
    }

    private static ConversationId conversation(String wire) {
        try {
            return ConversationId.fromString(wire);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    private static HistoryEntry entry(StoredMessage m) {
        return new HistoryEntry(m.id(), m.role(), m.authorId(), m.authorName(), m.content(),
                m.inReplyTo(), m.occurredAt());
    }

    @ServerExceptionMapper
    public Response unavailable(StorageUnavailableException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .entity(Map.of("error", "history is unavailable: the database cannot be reached"))
                .type(MediaType.APPLICATION_JSON).build();
    }

    @ServerExceptionMapper
    public Response badRequest(BadRequestException e) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Map.of("error", e.getMessage()))
                .type(MediaType.APPLICATION_JSON).build();
    }
}
