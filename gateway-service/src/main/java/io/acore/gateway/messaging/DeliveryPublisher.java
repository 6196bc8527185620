package io.acore.gateway.messaging;

import io.acore.events.Delivery;
import io.acore.events.Event;
import io.acore.events.EventCodec;
import io.acore.events.Platform;
import io.acore.events.Reply;
import io.acore.events.Stage;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Records what the gateway did with each final reply on {@code acore.delivery}, keyed by conversation. A record
 * about the same reply and platform always has the same id, so one sent again is recognisably the same.
 */
@ApplicationScoped
public class DeliveryPublisher {
    private final MutinyEmitter<Record<String, String>> deliveries;

    public DeliveryPublisher(@Channel("delivery") MutinyEmitter<Record<String, String>> deliveries) {
        this.deliveries = deliveries;
    }

    /** Completes when the broker has the record. */
    public Uni<Void> delivered(Reply reply, Platform target, List<String> platformMessageIds) {
        return send(reply, target, platformMessageIds, Delivery.Status.DELIVERED, null);
    }

    /** Completes when the broker has the record. */
    public Uni<Void> failed(Reply reply, Platform target, String reason) {
        return send(reply, target, List.of(), Delivery.Status.FAILED, reason);
    }

    private Uni<Void> send(Reply reply, Platform target, List<String> ids, Delivery.Status status, String detail) {
        Delivery delivery = new Delivery(Event.SCHEMA_VERSION, Delivery.idFor(reply.id(), target), reply.traceId(),
                reply.conversationId(), reply.id(), reply.persona().id(), target, ids, status, detail,
                Stage.GATEWAY_DELIVERED.addTo(reply.stages(), Instant.now()));
        return deliveries.send(Record.of(reply.conversationId().toString(), EventCodec.encode(delivery)));
    }
}
