package io.acore.gateway.messaging;

import io.acore.events.ConversationId;
import io.acore.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Discord posts of one conversation run one after another, so replies appear in the order they were written;
 * posts of different conversations run side by side, at most {@code acore.discord.posting.max-in-flight} at a
 * time. {@link #room()} tells the consumer when it may take the next record.
 */
@ApplicationScoped
public class DeliveryLanes {
    private static final CompletableFuture<Void> NOW = CompletableFuture.completedFuture(null);

    private final int maxInFlight;
    private final Map<ConversationId, CompletableFuture<Void>> lastOfConversation = new ConcurrentHashMap<>();
    private int inFlight;
    private CompletableFuture<Void> room = NOW;

    public DeliveryLanes(GatewayConfig config) {
        this.maxInFlight = config.discord().posting().maxInFlight();
    }

    /** Starts {@code post} after the conversation's earlier posts; the stage completes when it has. */
    public CompletionStage<Void> run(ConversationId conversation, Supplier<CompletionStage<Void>> post) {
        started();
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> previous = lastOfConversation.put(conversation, done);
        CompletableFuture<Void> ready = previous == null ? NOW : previous.handle((ignored, failure) -> null);
        ready.thenCompose(ignored -> post.get()).whenComplete((ignored, failure) -> {
            lastOfConversation.remove(conversation, done);
            finished();
            if (failure == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(failure);
            }
        });
        return done;
    }

    /** Completes once fewer than the most allowed posts are in flight. */
    public synchronized CompletionStage<Void> room() {
        return room;
    }

    private synchronized void started() {
        inFlight++;
        if (inFlight >= maxInFlight && room.isDone()) {
            room = new CompletableFuture<>();
        }
    }

    private synchronized void finished() {
        inFlight--;
        if (inFlight < maxInFlight) {
            room.complete(null);
        }
    }
}
