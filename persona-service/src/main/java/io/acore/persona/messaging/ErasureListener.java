package io.acore.persona.messaging;

import io.acore.events.EventCodec;
import io.acore.events.MalformedEventException;
import io.acore.events.MemoryEvent;
import io.acore.persona.relationships.Relationships;
import io.acore.persona.repository.ReplyDecisions;
import io.acore.persona.service.RecentTurns;
import java.sql.SQLException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Hears memory's erasures, so that what a user asked to be forgotten leaves this instance's recent turns, and the
 * record of whom they called on and how the personas feel about them, as well.
 * Every instance hears every erasure (a consumer group of its own); a record it cannot read is skipped, since the
 * topic carries notices for analytics too and nothing is lost by passing one over.
 */
@ApplicationScoped
public class ErasureListener {
    private static final Logger LOG = Logger.getLogger(ErasureListener.class);

    private final RecentTurns recent;
    private final ReplyDecisions calls;
    private final Relationships relationships;

    public ErasureListener(RecentTurns recent, ReplyDecisions calls, Relationships relationships) {
        this.recent = recent;
        this.calls = calls;
        this.relationships = relationships;
    }

    @Incoming("memory-events")
    @Blocking
    public void onMemoryEvent(String record) {
        try {
            MemoryEvent event = EventCodec.decode(record, MemoryEvent.class);
            if (MemoryEvent.USER_FORGOTTEN.equals(event.type())
                    && event.data().get(MemoryEvent.AUTHOR_DIGEST) instanceof String digest) {
                recent.forget(digest);
                relationships.forget(digest);
                calls.forget(digest);
            }
        } catch (MalformedEventException e) {
            LOG.warnf("skipped a memory event that could not be read: %s", e.getMessage());
        } catch (SQLException e) {
            // the rows hold no content, only whom the member called and how the personas feel about them
            LOG.warnf("the calls and relationships of an erased member could not be dropped: %s", e.getMessage());
        }
    }
}
