package io.acore.memory.messaging;

import io.acore.events.EventCodec;
import io.acore.events.MessageChange;
import io.acore.memory.service.MessageChanges;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Hears members' edits and deletions: each is applied, then acknowledged; one that cannot be read goes to the
 * dead-letter topic with the reason.
 */
@ApplicationScoped
public class MessageChangeRecorder {
    private final MessageChanges changes;

    public MessageChangeRecorder(MessageChanges changes) {
        this.changes = changes;
    }

    @Incoming("chat-changes")
    @Blocking
    public CompletionStage<Void> onChange(Message<String> record) {
        MessageChange change;
        try {
            change = EventCodec.decode(record.getPayload(), MessageChange.class);
        } catch (RuntimeException unreadable) {
            return record.nack(unreadable);
        }
        changes.apply(change);
        return record.ack();
    }
}
