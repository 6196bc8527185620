package io.acore.gateway.discord;

import io.acore.events.ConversationId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;

/**
 * Runs each conversation's work in the order it was handed in, different conversations side by side, on the given
 * threads rather than the caller's: Discord's events arrive on one thread, and taking a message in waits for the
 * database (the member's rate limit), which must not hold up every other channel's messages. A conversation is held
 * here only while it has work waiting or running.
 */
final class InOrderPerConversation {
    private final Executor workers;
    private final ConcurrentMap<ConversationId, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    InOrderPerConversation(Executor workers) {
        this.workers = workers;
    }

    /** Runs {@code work} after the conversation's earlier work has ended (however it ended). */
    void run(ConversationId conversation, Runnable work) {
        CompletableFuture<Void> next = tails.compute(conversation, (key, tail) -> tail == null
                ? CompletableFuture.runAsync(work, workers)
                : tail.handle((ended, failure) -> null).thenRunAsync(work, workers));
        next.whenComplete((ended, failure) -> tails.remove(conversation, next));
    }

    /** How many conversations have work waiting or running. */
    int busy() {
        return tails.size();
    }
}
