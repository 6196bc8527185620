package io.acore.gateway.messaging;

import io.acore.events.ConversationId;
import io.acore.events.lanes.ConversationOrder;
import io.acore.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Discord posts of one conversation run one after another, so replies appear in the order they were written;
 * posts of different conversations run side by side, at most {@code acore.discord.posting.max-in-flight} at a
 * time. {@link #room()} tells the consumer when it may take the next record.
 */
@ApplicationScoped
public class DeliveryLanes {
    private final int maxInFlight;
    private final ConversationOrder order = new ConversationOrder();
    private int inFlight;
    private CompletableFuture<Void> room = CompletableFuture.completedFuture(null);

    public DeliveryLanes(GatewayConfig config) {
        this.maxInFlight = config.discord().posting().maxInFlight();
    }

    /** Starts {@code post} after the conversation's earlier posts; the stage completes when it has. */
    public CompletionStage<Void> run(ConversationId conversation, Supplier<CompletionStage<Void>> post) {
        started();
        return order.after(conversation, post).whenComplete((ignored, failure) -> finished());
    }

    /** Whether none of the conversation's posts is waiting or under way. */
    public boolean idle(ConversationId conversation) {
        return order.idle(conversation);
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
