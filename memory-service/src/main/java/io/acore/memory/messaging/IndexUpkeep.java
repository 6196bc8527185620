package io.acore.memory.messaging;

import io.acore.events.EventCodec;
import io.acore.events.MalformedEventException;
import io.acore.events.MemoryEvent;
import io.acore.memory.recall.RecallIndex;
import io.acore.memory.summaries.Episodes;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Keeps this replica's search indexes to what the database holds, whichever replica changed it: every replica hears
 * on {@code acore.memory.events} every member's deleted message and every user's erasure once the replica that
 * applied it has changed the database (a consumer group of its own, from the newest record, since an index starts
 * empty and reads the database) and drops what went from the scopes it holds open. Otherwise what went would keep
 * its places among what a search finds here until the scope is closed; likewise the episodes held here, which
 * may have told of it. A record it cannot read is passed over: analytics reads the same events.
 */
@ApplicationScoped
public class IndexUpkeep {
    private static final Logger LOG = Logger.getLogger(IndexUpkeep.class);

    private final RecallIndex index;
    private final Episodes episodes;

    public IndexUpkeep(RecallIndex index, Episodes episodes) {
        this.index = index;
        this.episodes = episodes;
    }

    @Incoming("index-upkeep")
    @Blocking
    public CompletionStage<Void> onRecord(Message<String> record) {
        try {
            MemoryEvent event = EventCodec.decode(record.getPayload(), MemoryEvent.class);
            if (MemoryEvent.USER_FORGOTTEN.equals(event.type())
                    && event.data().get(MemoryEvent.AUTHOR_DIGEST) instanceof String digest) {
                index.forgetUser(digest);
                episodes.forgetAll();
            } else if (MemoryEvent.MESSAGE_DELETED.equals(event.type())
                    && event.data().get(MemoryEvent.MESSAGE_ID) instanceof String messageId) {
                index.forgetDeleted(messageId);
                episodes.forgetAll();
            }
        } catch (MalformedEventException e) {
            LOG.debugf("passed over a memory event that could not be read: %s", e.getMessage());
        }
        return record.ack();
    }
}
