package io.acore.memory.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The messages this replica gave context for whose reply is not out yet: a user is waiting on each, and background
 * work on the same cores ({@link EmbeddingIndexer}) lets them go first. A message leaves when its final reply is
 * recorded here, or once it has waited {@code forgetAfter} (its reply was recorded by another replica, or never
 * came).
 */
@ApplicationScoped
public class ContextCalls {
    private final Map<String, Long> awaitingReply = new ConcurrentHashMap<>();
    private volatile Runnable whenAllAnswered = () -> { };

    void started(String messageId) {
        awaitingReply.put(messageId, System.nanoTime());
    }

    /** The final reply to {@code messageId} is out. */
    public void answered(String messageId) {
        if (awaitingReply.remove(messageId) != null && awaitingReply.isEmpty()) {
            whenAllAnswered.run();
        }
    }

    /** Runs {@code action} (on the thread that recorded the reply) each time the last reply awaited is out. */
    void whenAllAnswered(Runnable action) {
        whenAllAnswered = action;
    }

    /** Whether no message this replica gave context for within {@code forgetAfter} still waits for its reply. */
    public boolean noneAwaitingReply(Duration forgetAfter) {
        long oldest = System.nanoTime() - forgetAfter.toNanos();
        awaitingReply.values().removeIf(started -> started - oldest < 0);
        return awaitingReply.isEmpty();
    }
}
