package io.acore.gateway.client;

import io.acore.events.api.ErasedMessages;
import io.acore.events.api.UserMessage;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * What memory-service holds of one user's own messages, shown or erased at that user's request. Each call gives
 * up after 5 s, well inside the 15 minutes Discord lets a deferred command answer.
 */
@ApplicationScoped
public class UserMemory {
    private final MemoryClient memory;

    public UserMemory(@RestClient MemoryClient memory) {
        this.memory = memory;
    }

    @AsynchronousNonBlocking
    @Timeout(5000)
    public Uni<List<UserMessage>> messagesOf(String authorId) {
        return memory.messagesOf(authorId);
    }

    /** Erases the user's messages; the answer says how many went. */
    @AsynchronousNonBlocking
    @Timeout(5000)
    public Uni<Integer> forget(String authorId) {
        return memory.forget(authorId).map(ErasedMessages::deleted);
    }
}
