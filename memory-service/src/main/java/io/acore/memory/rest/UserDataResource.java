package io.acore.memory.rest;

import io.acore.events.ConversationId;
import io.acore.events.api.ErasedMessages;
import io.acore.events.api.UserMemoryReport;
import io.acore.events.api.UserMessage;
import io.acore.memory.messaging.MemoryEvents;
import io.acore.memory.repository.UserRecords;
import io.acore.memory.service.MemoryScope;
import io.acore.memory.repository.MessageRepository;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * What memory holds about a user: see it, export it, or erase it. Internal API: the gateway offers it to a user
 * for their own id only, after checking who is asking.
 */
@Path("/api/users/{authorId}")
@Produces(MediaType.APPLICATION_JSON)
public class UserDataResource {
    private final MessageRepository repository;
    private final UserRecords records;
    private final MemoryEvents events;

    public UserDataResource(MessageRepository repository, UserRecords records, MemoryEvents events) {
        this.repository = repository;
        this.records = records;
        this.events = events;
    }

    @GET
    @Path("/messages")
    public List<UserMessage> messages(@PathParam("authorId") String authorId) {
        return repository.byAuthor(authorId).stream()
                .map(m -> new UserMessage(m.conversationId(), m.id(), m.content(), m.occurredAt())).toList();
    }

    /**
     * Everything memory holds about the user: messages, profiles, facts; with {@code conversation}, only the profiles
     * and facts of that conversation's server, its restricted channels included (the user's own, shown to the user
     * alone), or of that DM or web session.
     */
    @GET
    @Path("/memory")
    public UserMemoryReport memory(@PathParam("authorId") String authorId, @QueryParam("conversation") String conversation) {
        UserMemoryReport all = new UserMemoryReport(authorId, messages(authorId), records.profiles(authorId),
                records.facts(authorId));
        if (conversation == null) {
            return all;
        }
        ConversationId asked = ConversationResource.conversation(conversation);
        return new UserMemoryReport(authorId, all.messages(),
                all.profiles().stream().filter(p -> MemoryScope.within(p.scope(), asked)).toList(),
                all.facts().stream().filter(f -> MemoryScope.within(f.scope(), asked)).toList());
    }

    @DELETE
    @Path("/messages")
    public ErasedMessages forget(@PathParam("authorId") String authorId) {
        MessageRepository.Erasure erasure = repository.forget(authorId);
        events.userForgotten(erasure.auditId(), erasure.messages(), authorId);
        return new ErasedMessages(erasure.messages());
    }
}
