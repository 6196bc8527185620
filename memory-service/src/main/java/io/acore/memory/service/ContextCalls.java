package io.acore.memory.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.acore.memory.config.MemoryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * The messages this replica gave context for whose reply is not out yet: a user is waiting on each, and background
 * work on the same cores ({@link EmbeddingIndexer}) lets them go first. A message leaves when its final reply is
 * recorded here, or once it has waited {@code acore.memory.recall.embedding-max-deferral} (its reply was recorded by
 * another replica, or never came).
 */
@ApplicationScoped
public class ContextCalls {
    private final Cache<String, Boolean> awaitingReply;
    private volatile Runnable whenAllAnswered = () -> { };

    @Inject
    public ContextCalls(MemoryConfig config) {
        this(config.recall().embeddingMaxDeferral());
    }

    ContextCalls(Duration forgetAfter) {
        awaitingReply = Caffeine.newBuilder().expireAfterWrite(forgetAfter).executor(Runnable::run).build();
    }

    void started(String messageId) {
        awaitingReply.put(messageId, Boolean.TRUE);
    }

    /** The final reply to {@code messageId} is out. */
    public void answered(String messageId) {
        if (awaitingReply.asMap().remove(messageId) != null && noneAwaitingReply()) {
            whenAllAnswered.run();
        }
    }

    /** Whether no message this replica gave context for still waits for its reply (forgotten ones aside). */
    public boolean noneAwaitingReply() {
        awaitingReply.cleanUp();
        return awaitingReply.asMap().isEmpty();
    }

    /** Runs {@code action} (on the thread that recorded the reply) each time the last reply awaited is out. */
    void whenAllAnswered(Runnable action) {
        whenAllAnswered = action;
    }
}
