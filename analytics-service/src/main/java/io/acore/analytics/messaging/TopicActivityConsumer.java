package io.acore.analytics.messaging;

import io.acore.analytics.service.ActivityCounters;
import io.acore.analytics.service.ReplyTimings;
import io.acore.events.ChatMessage;
import io.acore.events.Delivery;
import io.acore.events.EventCodec;
import io.acore.events.Reply;
import io.acore.events.ServiceEvent;
import io.acore.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Counts what passes on every topic. Decoding is cheap and in memory, so it runs on the event loop; a record that
 * cannot be read goes to the dead-letter topic, where it is counted as an error.
 */
@ApplicationScoped
public class TopicActivityConsumer {
    private final ActivityCounters counters;
    private final ReplyTimings timings;

    public TopicActivityConsumer(ActivityCounters counters, ReplyTimings timings) {
        this.counters = counters;
        this.timings = timings;
    }

    @Incoming("activity")
    public void onRecord(ConsumerRecord<String, String> record) {
        switch (record.topic()) {
            case Topics.CHAT_INBOUND -> onMessage(record.value());
            case Topics.CHAT_OUTBOUND -> onReply(record.value());
            case Topics.DELIVERY -> onDelivery(record.value());
            case Topics.SERVICE_EVENTS -> onServiceEvent(record.value());
            default -> throw new IllegalStateException("not subscribed to topic " + record.topic());
        }
    }

    @Incoming("dead-letters")
    public void onDeadLetter(String payload) {
        counters.deadLetter();
    }

    private void onMessage(String payload) {
        EventCodec.decode(payload, ChatMessage.class);
        counters.message();
    }

    private void onReply(String payload) {
        Reply reply = EventCodec.decode(payload, Reply.class);
        if (!reply.isFinal() || reply.isCancelled()) {
            return;
        }
        if (Reply.KIND_NOTICE.equals(reply.kind())) {
            counters.notice();
        } else {
            counters.reply();
            timings.record(reply);
        }
    }

    private void onDelivery(String payload) {
        Delivery delivery = EventCodec.decode(payload, Delivery.class);
        counters.delivery();
        if (Delivery.FAILED.equals(delivery.status())) {
            counters.error();
        }
    }

    private void onServiceEvent(String payload) {
        ServiceEvent event = EventCodec.decode(payload, ServiceEvent.class);
        if (ServiceEvent.LLM_COMPLETED.equals(event.type()) || ServiceEvent.LLM_FAILED.equals(event.type())) {
            counters.llmRequest();
        }
        if (event.isError()) {
            counters.error();
        }
    }
}
