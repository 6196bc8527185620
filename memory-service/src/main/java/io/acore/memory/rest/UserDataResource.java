package io.acore.memory.rest;

import io.acore.events.api.ErasedMessages;
import io.acore.events.api.UserMessage;
import io.acore.memory.repository.MessageRepository;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * What memory holds that a user wrote: export it, or erase it. Internal API: the gateway offers it to a user
 * for their own id only, after checking who is asking.
 */
@Path("/api/users/{authorId}/messages")
@Produces(MediaType.APPLICATION_JSON)
public class UserDataResource {
    private final MessageRepository repository;

    public UserDataResource(MessageRepository repository) {
        this.repository = repository;
    }

    @GET
    public List<UserMessage> export(@PathParam("authorId") String authorId) {
        return repository.byAuthor(authorId).stream()
                .map(m -> new UserMessage(m.conversationId(), m.id(), m.content(), m.occurredAt())).toList();
    }

    @DELETE
    public ErasedMessages forget(@PathParam("authorId") String authorId) {
        return new ErasedMessages(repository.forget(authorId));
    }
}
