package io.acore.gateway.messaging;

import io.acore.events.Delivery;
import io.acore.events.Event;
import io.acore.events.EventCodec;
import io.acore.events.Reply;
import io.acore.events.Stage;
import io.acore.events.Stages;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Records what the gateway did with each final reply on {@code acore.delivery}. */
@ApplicationScoped
public class DeliveryPublisher {
    private final MutinyEmitter<String> deliveries;

    public DeliveryPublisher(@Channel("delivery") MutinyEmitter<String> deliveries) {
        this.deliveries = deliveries;
    }

    public void delivered(Reply reply, String target, List<String> platformMessageIds) {
        send(reply, target, platformMessageIds, Delivery.DELIVERED, null);
    }

    public void failed(Reply reply, String target, String reason) {
        send(reply, target, List.of(), Delivery.FAILED, reason);
    }

    private void send(Reply reply, String target, List<String> ids, String status, String detail) {
        Delivery delivery = new Delivery(Event.SCHEMA_VERSION, EventCodec.newId(), reply.traceId(),
                reply.conversationId(), reply.id(), reply.persona().id(), target, ids, status, detail,
                Stages.plus(reply.stages(), Stage.GATEWAY_DELIVERED, Instant.now()));
        deliveries.sendMessageAndForget(Message.of(EventCodec.encode(delivery)).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(reply.conversationId()).build()));
    }
}
