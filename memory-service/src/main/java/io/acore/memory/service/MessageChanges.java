package io.acore.memory.service;

import io.acore.events.MessageChange;
import io.acore.events.metrics.Meters;
import io.acore.memory.messaging.MemoryEvents;
import io.acore.memory.recall.RecallIndex;
import io.acore.memory.repository.MessageRepository;
import io.acore.memory.repository.StorageUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Applies what members did to their messages: a deleted message is erased with what was derived from it alone, and
 * once the database no longer holds it, every replica is told to drop it from its search indexes (said again when
 * the deletion is applied twice); an edited one is remembered as edited (and searched by its new words once
 * embedded again). Like {@link HistoryWriter}, it waits out a database outage.
 */
@ApplicationScoped
public class MessageChanges {
    private final MessageRepository repository;
    private final RecallIndex index;
    private final MemoryEvents events;
    private final MeterRegistry registry;

    public MessageChanges(MessageRepository repository, RecallIndex index, MemoryEvents events,
            MeterRegistry registry) {
        this.repository = repository;
        this.index = index;
        this.events = events;
        this.registry = registry;
    }

    @Retry(retryOn = StorageUnavailableException.class, maxRetries = -1, maxDuration = 0, delay = 1000, jitter = 500)
    public void apply(MessageChange change) {
        boolean applied = switch (change.change()) {
            case DELETED -> {
                boolean erased = repository.forgetMessage(change.messageId());
                events.messageDeleted(change.messageId());
                yield erased;
            }
            case EDITED -> {
                boolean edited = repository.edit(change.messageId(), change.content());
                if (edited) {
                    index.forget(List.of(change.messageId()));
                }
                yield edited;
            }
        };
        Meters.counter(registry, "acore.memory.message.changes",
                "edits and deletions applied to stored turns, by change",
                "change", change.change().name().toLowerCase(),
                "outcome", applied ? "applied" : "nothing").increment();
    }
}
