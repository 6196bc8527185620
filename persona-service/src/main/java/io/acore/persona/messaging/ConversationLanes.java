package io.acore.persona.messaging;

import io.acore.events.ConversationId;
import io.acore.events.lanes.ConversationOrder;
import io.acore.persona.config.PersonaConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the work for each conversation one piece after another, in the order it was admitted, and the work of
 * different conversations side by side, at most {@code acore.persona.max-concurrent-replies} pieces held at a time
 * (running, or waiting for their conversation's earlier work, which takes no thread). A piece is admitted only when
 * a place is free, so a full house holds back the consumer, which then stops fetching records: back-pressure instead
 * of an ever-growing backlog in memory. How many of the running pieces call the model at once is the model's
 * concern ({@code ModelConcurrency}), not this bound's.
 */
@ApplicationScoped
public class ConversationLanes {
    private final Semaphore places;
    private final ExecutorService admissions = Executors.newSingleThreadExecutor(named("persona-admission"));
    private final ExecutorService workers;
    private final ConversationOrder order = new ConversationOrder();
    /** Pieces handed to the admission thread and not yet in their conversation's order: none may be overtaken. */
    private final AtomicInteger waitingForAPlace = new AtomicInteger();

    @Inject
    public ConversationLanes(PersonaConfig config) {
        this(config.maxConcurrentReplies());
    }

    ConversationLanes(int maxConcurrentReplies) {
        this.places = new Semaphore(maxConcurrentReplies);
        // as many threads as pieces run (the places bound them), idle ones reused and gone after a minute
        this.workers = Executors.newCachedThreadPool(named("persona-reply"));
    }

    /**
     * Completes once {@code work} has a place; the returned stage of the admission completes when the work is
     * done (or failed), after every earlier piece of the same conversation. A place free while no earlier piece waits
     * for one is taken at once, on the caller's thread; otherwise the piece waits its turn on the admission thread.
     */
    public CompletionStage<CompletionStage<Void>> admit(ConversationId conversation, Runnable work) {
        if (waitingForAPlace.get() == 0 && places.tryAcquire()) {
            return CompletableFuture.completedFuture(after(conversation, work));
        }
        waitingForAPlace.incrementAndGet();
        return CompletableFuture.runAsync(places::acquireUninterruptibly, admissions).thenApply(admitted -> {
            try {
                return after(conversation, work);
            } finally {
                waitingForAPlace.decrementAndGet();
            }
        });
    }

    private CompletionStage<Void> after(ConversationId conversation, Runnable work) {
        return order.after(conversation, () -> CompletableFuture.runAsync(work, workers))
                .whenComplete((ignored, failure) -> places.release());
    }

    @PreDestroy
    void stop() {
        admissions.shutdownNow();
        workers.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
