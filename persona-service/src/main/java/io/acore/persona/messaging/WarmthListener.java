package io.acore.persona.messaging;

import io.acore.events.EventCodec;
import io.acore.events.MalformedEventException;
import io.acore.events.MemoryEvent;
import io.acore.persona.relationships.Relationships;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Moves the personas' affection for members by memory's judgements of warmth: once per judgement, however many
 * replicas run (one consumer group) and however often it is read (the store marks it applied). The topic carries
 * other notices too; a record it cannot read is skipped.
 */
@ApplicationScoped
public class WarmthListener {
    private static final Logger LOG = Logger.getLogger(WarmthListener.class);

    private final Relationships relationships;

    public WarmthListener(Relationships relationships) {
        this.relationships = relationships;
    }

    @Incoming("warmth-judgements")
    @Blocking
    public void onMemoryEvent(String record) throws SQLException {
        MemoryEvent event;
        try {
            event = EventCodec.decode(record, MemoryEvent.class);
        } catch (MalformedEventException e) {
            LOG.debugf("skipped a memory event that could not be read: %s", e.getMessage());
            return;
        }
        if (MemoryEvent.WARMTH_JUDGED.equals(event.type())) {
            relationships.judged(event);
        }
    }
}
