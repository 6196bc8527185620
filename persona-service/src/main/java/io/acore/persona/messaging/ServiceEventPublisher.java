package io.acore.persona.messaging;

import io.acore.events.EventCodec;
import io.acore.events.ServiceEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Reports what persona-service did (model calls, fallbacks) for analytics, without waiting for the broker. */
@ApplicationScoped
public class ServiceEventPublisher {
    private final MutinyEmitter<Record<String, String>> events;

    public ServiceEventPublisher(@Channel("service-events")
            @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048) MutinyEmitter<Record<String, String>> events) {
        this.events = events;
    }

    public void publish(ServiceEvent event) {
        events.sendAndForget(Record.of(event.key(), EventCodec.encode(event)));
    }
}
