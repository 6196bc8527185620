package io.acore.gateway.messaging;

import io.acore.events.EventCodec;
import io.acore.events.MessageChange;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes members' edits and deletions keyed by conversation, on the same partition as its messages' order. */
@ApplicationScoped
public class ChangePublisher {
    private final MutinyEmitter<Record<String, String>> changes;

    public ChangePublisher(@Channel("chat-changes") MutinyEmitter<Record<String, String>> changes) {
        this.changes = changes;
    }

    /** Completes once the broker has the change. */
    public Uni<Void> publish(MessageChange change) {
        return changes.send(Record.of(change.conversationId().toString(), EventCodec.encode(change)));
    }
}
