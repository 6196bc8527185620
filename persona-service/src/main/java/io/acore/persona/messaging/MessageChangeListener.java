package io.acore.persona.messaging;

import io.acore.events.EventCodec;
import io.acore.events.MalformedEventException;
import io.acore.events.MessageChange;
import io.acore.events.metrics.Meters;
import io.acore.persona.service.RecentTurns;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Hears members' edits and deletions, so that this instance's recent turns show a message as it reads now, or not
 * at all. Every instance hears every change (a consumer group of its own); one it cannot read is skipped (memory,
 * which owns what is remembered, dead-letters it).
 */
@ApplicationScoped
public class MessageChangeListener {
    private static final Logger LOG = Logger.getLogger(MessageChangeListener.class);

    private final RecentTurns recent;
    private final MeterRegistry registry;

    public MessageChangeListener(RecentTurns recent, MeterRegistry registry) {
        this.recent = recent;
        this.registry = registry;
    }

    @Incoming("chat-changes")
    public void onChange(String record) {
        try {
            MessageChange change = EventCodec.decode(record, MessageChange.class);
            switch (change.change()) {
                case DELETED -> recent.deleted(change.conversationId(), change.messageId());
                case EDITED -> recent.edited(change.conversationId(), change.messageId(), change.content());
            }
            Meters.counter(registry, "acore.persona.message.changes",
                    "edits and deletions applied to the recent turns, by change", "change",
                    change.change().name().toLowerCase(Locale.ROOT)).increment();
        } catch (MalformedEventException e) {
            LOG.warnf("skipped a message change that could not be read: %s", e.getMessage());
        }
    }
}
