package io.acore.gateway.messaging;

import io.acore.events.Delivery;
import io.acore.events.Event;
import io.acore.events.EventCodec;
import io.acore.events.Platform;
import io.acore.events.Reply;
import io.acore.events.Stage;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Records what the gateway did with each final reply on {@code acore.delivery}, keyed by conversation. */
@ApplicationScoped
public class DeliveryPublisher {
    private final MutinyEmitter<Record<String, String>> deliveries;

    public DeliveryPublisher(@Channel("delivery") MutinyEmitter<Record<String, String>> deliveries) {
        this.deliveries = deliveries;
    }

    public void delivered(Reply reply, Platform target, List<String> platformMessageIds) {
        send(reply, target, platformMessageIds, Delivery.Status.DELIVERED, null);
    }

    public void failed(Reply reply, Platform target, String reason) {
        send(reply, target, List.of(), Delivery.Status.FAILED, reason);
    }

    private void send(Reply reply, Platform target, List<String> ids, Delivery.Status status, String detail) {
        Delivery delivery = new Delivery(Event.SCHEMA_VERSION, EventCodec.newId(), reply.traceId(),
                reply.conversationId(), reply.id(), reply.persona().id(), target, ids, status, detail,
                Stage.GATEWAY_DELIVERED.addTo(reply.stages(), Instant.now()));
        deliveries.sendAndForget(Record.of(reply.conversationId().toString(), EventCodec.encode(delivery)));
    }
}
