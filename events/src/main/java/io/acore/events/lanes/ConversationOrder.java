package io.acore.events.lanes;

import io.acore.events.ConversationId;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Work of one conversation one piece after another, in the order it was handed in; work of different conversations
 * side by side. A piece starts once the conversation's previous piece has ended, well or not; waiting takes no
 * thread. Used where a service answers or delivers a conversation's records: replies in the order messages were
 * written, posts in the order replies were.
 */
public final class ConversationOrder {
    private static final CompletableFuture<Void> NOW = CompletableFuture.completedFuture(null);

    private final Map<ConversationId, CompletableFuture<Void>> lastOfConversation = new ConcurrentHashMap<>();

    /** Whether the conversation has no work started or waiting. */
    public boolean idle(ConversationId conversation) {
        return !lastOfConversation.containsKey(conversation);
    }

    /** Starts {@code work} after the conversation's earlier pieces; the stage ends as the work does. */
    public CompletionStage<Void> after(ConversationId conversation, Supplier<? extends CompletionStage<Void>> work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> previous = lastOfConversation.put(conversation, done);
        CompletableFuture<Void> ready = previous == null ? NOW : previous.handle((ignored, failure) -> null);
        ready.thenCompose(ignored -> work.get()).whenComplete((ignored, failure) -> {
            lastOfConversation.remove(conversation, done);
            if (failure == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(failure);
            }
        });
        return done;
    }
}
