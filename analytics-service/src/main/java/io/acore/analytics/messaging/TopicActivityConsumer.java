package io.acore.analytics.messaging;

import io.acore.analytics.service.ActivityRecorder;
import io.acore.events.ChatMessage;
import io.acore.events.Delivery;
import io.acore.events.EventCodec;
import io.acore.events.MemoryEvent;
import io.acore.events.Reply;
import io.acore.events.ServiceEvent;
import io.acore.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads what passes on every topic. Decoding is cheap and in memory, so it runs on the event loop; a record that
 * cannot be read goes to the dead-letter topic, where it is counted as an error.
 */
@ApplicationScoped
public class TopicActivityConsumer {
    private final ActivityRecorder activity;

    public TopicActivityConsumer(ActivityRecorder activity) {
        this.activity = activity;
    }

    @Incoming("activity")
    public void onRecord(ConsumerRecord<String, String> record) {
        switch (record.topic()) {
            case Topics.CHAT_INBOUND -> activity.message(EventCodec.decode(record.value(), ChatMessage.class));
            case Topics.CHAT_OUTBOUND -> activity.reply(EventCodec.decode(record.value(), Reply.class));
            case Topics.DELIVERY -> activity.delivery(EventCodec.decode(record.value(), Delivery.class));
            case Topics.SERVICE_EVENTS -> activity.serviceEvent(EventCodec.decode(record.value(), ServiceEvent.class));
            case Topics.MEMORY_EVENTS -> activity.memoryEvent(EventCodec.decode(record.value(), MemoryEvent.class));
            default -> throw new IllegalStateException("not subscribed to topic " + record.topic());
        }
    }

    @Incoming("dead-letters")
    public void onDeadLetter(ConsumerRecord<String, String> record) {
        activity.deadLetter(header(record, "dead-letter-topic"), header(record, "dead-letter-reason"));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
