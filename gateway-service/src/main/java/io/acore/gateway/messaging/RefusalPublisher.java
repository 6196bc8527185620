package io.acore.gateway.messaging;

import io.acore.events.ConversationId;
import io.acore.events.Event;
import io.acore.events.EventCodec;
import io.acore.events.ServiceEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Tells analytics of a member's message the rate limit refused, without waiting for the broker (a flood is not
 * slowed down by it): a {@link ServiceEvent#RATE_LIMITED} on {@code acore.service.events}, whose id derives from
 * the message's, so the same message refused twice counts once.
 */
@ApplicationScoped
public class RefusalPublisher {
    private static final String SERVICE = "gateway-service";
    private final MutinyEmitter<Record<String, String>> events;

    public RefusalPublisher(@Channel("service-events")
            @OnOverflow(value = OnOverflow.Strategy.DROP) MutinyEmitter<Record<String, String>> events) {
        this.events = events;
    }

    /** {@code platformMessageId}: Discord's id of the message, or the web client's idempotency key; null if none. */
    public void rateLimited(ConversationId conversation, String authorId, String platformMessageId) {
        String id = platformMessageId == null ? EventCodec.newId() : UUID.nameUUIDFromBytes((ServiceEvent.RATE_LIMITED
                + '\u0000' + conversation + '\u0000' + platformMessageId).getBytes(StandardCharsets.UTF_8)).toString();
        ServiceEvent refused = new ServiceEvent(Event.SCHEMA_VERSION, id, EventCodec.newId(), SERVICE,
                ServiceEvent.RATE_LIMITED, ServiceEvent.Severity.INFO, conversation, null, Map.of("author", authorId),
                Map.of());
        events.sendAndForget(Record.of(refused.key(), EventCodec.encode(refused)));
    }
}
