package io.acore.analytics.messaging;

import io.acore.analytics.service.ActivityCounters;
import io.acore.analytics.service.RecentErrors;
import io.acore.analytics.service.ReplyTimings;
import io.acore.events.ChatMessage;
import io.acore.events.Delivery;
import io.acore.events.EventCodec;
import io.acore.events.Reply;
import io.acore.events.ReplyKind;
import io.acore.events.ServiceEvent;
import io.acore.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Counts what passes on every topic. Decoding is cheap and in memory, so it runs on the event loop; a record that
 * cannot be read goes to the dead-letter topic, where it is counted as an error.
 */
@ApplicationScoped
public class TopicActivityConsumer {
    private final ActivityCounters counters;
    private final ReplyTimings timings;
    private final RecentErrors recentErrors;

    public TopicActivityConsumer(ActivityCounters counters, ReplyTimings timings, RecentErrors recentErrors) {
        this.counters = counters;
        this.timings = timings;
        this.recentErrors = recentErrors;
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
    public void onDeadLetter(ConsumerRecord<String, String> record) {
        counters.deadLetter();
        recentErrors.add(header(record, "dead-letter-topic"), "dead letter", header(record, "dead-letter-reason"));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
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
        if (reply.kind() == ReplyKind.NOTICE) {
            counters.notice();
        } else {
            counters.reply();
            timings.record(reply);
        }
    }

    private void onDelivery(String payload) {
        Delivery delivery = EventCodec.decode(payload, Delivery.class);
        counters.delivery();
        if (delivery.status() == Delivery.Status.FAILED) {
            counters.error();
            recentErrors.add("gateway-service", "delivery to " + delivery.target().wireName() + " failed",
                    delivery.detail());
        }
    }

    private void onServiceEvent(String payload) {
        ServiceEvent event = EventCodec.decode(payload, ServiceEvent.class);
        if (ServiceEvent.LLM_COMPLETED.equals(event.type()) || ServiceEvent.LLM_FAILED.equals(event.type())) {
            counters.llmRequest();
        }
        if (event.isError()) {
            counters.error();
            recentErrors.add(event.service(), event.type(), event.detail());
        }
    }
}
