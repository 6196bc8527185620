package io.acore.gateway.client;

import io.acore.events.ConversationId;
import io.acore.events.api.ErasedMessages;
import io.acore.events.api.UserMemoryReport;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * What memory-service holds about one user, shown, exported or erased at that user's request. Each call gives
 * up after 5 s, well inside the 15 minutes Discord lets a deferred command answer.
 */
@ApplicationScoped
public class UserMemory {
    private final MemoryClient memory;

    public UserMemory(@RestClient MemoryClient memory) {
        this.memory = memory;
    }

    /** What memory holds about the user in the conversation's scope (null: everywhere). */
    @AsynchronousNonBlocking
    @Timeout(5000)
    public Uni<UserMemoryReport> report(String authorId, ConversationId conversation) {
        return memory.memoryOf(authorId, conversation == null ? null : conversation.toString());
    }

    /** Erases the user's messages; the answer says how many went. */
    @AsynchronousNonBlocking
    @Timeout(5000)
    public Uni<Integer> forget(String authorId) {
        return memory.forget(authorId).map(ErasedMessages::deleted);
    }
}
