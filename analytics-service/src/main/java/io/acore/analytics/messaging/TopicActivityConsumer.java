package io.acore.analytics.messaging;

import io.acore.analytics.service.ActivityCounters;
import io.acore.events.ChatMessage;
import io.acore.events.Delivery;
import io.acore.events.EventCodec;
import io.acore.events.Reply;
import io.acore.events.ServiceEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Counts what passes on every topic. Decoding is cheap and in memory, so it runs on the event loop; a record that
 * cannot be read goes to the dead-letter topic, where it is counted as an error.
 */
@ApplicationScoped
public class TopicActivityConsumer {
    private final ActivityCounters counters;

    public TopicActivityConsumer(ActivityCounters counters) {
        this.counters = counters;
    }

    @Incoming("chat-inbound")
    public void onMessage(String payload) {
        EventCodec.decode(payload, ChatMessage.class);
        counters.message();
    }

    @Incoming("chat-outbound")
    public void onReply(String payload) {
        Reply reply = EventCodec.decode(payload, Reply.class);
        if (!reply.isFinal()) {
            return;
        }
        if (Reply.KIND_NOTICE.equals(reply.kind())) {
            counters.notice();
        } else {
            counters.reply();
        }
    }

    @Incoming("delivery")
    public void onDelivery(String payload) {
        Delivery delivery = EventCodec.decode(payload, Delivery.class);
        counters.delivery();
        if (Delivery.FAILED.equals(delivery.status())) {
            counters.error();
        }
    }

    @Incoming("service-events")
    public void onServiceEvent(String payload) {
        ServiceEvent event = EventCodec.decode(payload, ServiceEvent.class);
        if (ServiceEvent.LLM_COMPLETED.equals(event.type()) || ServiceEvent.LLM_FAILED.equals(event.type())) {
            counters.llmRequest();
        }
        if (event.isError()) {
            counters.error();
        }
    }

    @Incoming("dead-letters")
    public void onDeadLetter(String payload) {
        counters.deadLetter();
    }
}
