package io.acore.memory.rest;

import io.acore.events.ConversationId;
import io.acore.memory.config.MemoryConfig;
import io.acore.memory.repository.MessageRepository;
import io.acore.memory.repository.StoredMessage;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import io.acore.events.api.HistoryEntry;
import java.util.List;

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
        return repository.recent(conversation(conversationId), limit).stream().map(StoredMessage::toHistoryEntry).toList();
    }

    static ConversationId conversation(String wire) {
        try {
            return ConversationId.fromString(wire);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }
}
