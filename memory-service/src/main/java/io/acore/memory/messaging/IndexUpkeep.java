package io.acore.memory.messaging;

import io.acore.events.EventCodec;
import io.acore.events.MalformedEventException;
import io.acore.events.MemoryEvent;
import io.acore.events.MessageChange;
import io.acore.events.Topics;
import io.acore.memory.recall.RecallIndex;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Keeps this replica's search indexes to what the database holds, whichever replica changed it: every replica hears
 * every member's deleted message and every user's erasure (a consumer group of its own, from the newest record,
 * since an index starts empty and reads the database) and drops what went from the scopes it holds open. Otherwise
 * what went would keep its places among what a search finds here until the scope is closed. A record it cannot read
 * is passed over: the replica that applies a change dead-letters it, and the topics carry notices for others too.
 */
@ApplicationScoped
public class IndexUpkeep {
    private static final Logger LOG = Logger.getLogger(IndexUpkeep.class);

    private final RecallIndex index;

    public IndexUpkeep(RecallIndex index) {
        this.index = index;
    }

    @Incoming("index-upkeep")
    @Blocking
    public CompletionStage<Void> onRecord(Message<String> record) {
        String topic = record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getTopic)
                .orElse("");
        try {
            if (Topics.CHAT_CHANGES.equals(topic)) {
                MessageChange change = EventCodec.decode(record.getPayload(), MessageChange.class);
                if (change.change() == MessageChange.Change.DELETED) {
                    index.forgetDeleted(change.messageId());
                }
            } else if (Topics.MEMORY_EVENTS.equals(topic)) {
                MemoryEvent event = EventCodec.decode(record.getPayload(), MemoryEvent.class);
                if (MemoryEvent.USER_FORGOTTEN.equals(event.type())
                        && event.data().get(MemoryEvent.AUTHOR_DIGEST) instanceof String digest) {
                    index.forgetUser(digest);
                }
            }
        } catch (MalformedEventException e) {
            LOG.debugf("passed over a record of %s that could not be read: %s", topic, e.getMessage());
        }
        return record.ack();
    }
}
