package io.acore.analytics.messaging;

import io.acore.analytics.repository.ActivityStore;
import io.acore.analytics.repository.Tally;
import io.acore.analytics.service.ActivityCounters;
import io.acore.analytics.service.ActivityRecorder;
import io.acore.analytics.service.ReplyTimings;
import io.acore.events.ChatMessage;
import io.acore.events.Delivery;
import io.acore.events.EventCodec;
import io.acore.events.MemoryEvent;
import io.acore.events.Reply;
import io.acore.events.ServiceEvent;
import io.acore.events.Topics;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads what passes on every topic, a poll's worth at a time, and counts it in one transaction. A record that
 * cannot be read goes to the dead-letter topic with the reason, alone (where it is counted as an error); the others
 * are acknowledged once their counts are committed.
 */
@ApplicationScoped
public class TopicActivityConsumer {
    private final ActivityRecorder activity;
    private final ActivityStore store;
    private final ActivityCounters counters;
    private final ReplyTimings timings;

    public TopicActivityConsumer(ActivityRecorder activity, ActivityStore store, ActivityCounters counters,
            ReplyTimings timings) {
        this.activity = activity;
        this.store = store;
        this.counters = counters;
        this.timings = timings;
    }

    @Incoming("activity")
    @Blocking
    public CompletionStage<Void> onRecords(KafkaRecordBatch<String, String> batch) throws SQLException {
        List<CompletableFuture<Void>> settled = new ArrayList<>();
        List<KafkaRecord<String, String>> readable = new ArrayList<>();
        List<Tally> tallies = new ArrayList<>();
        Map<String, Reply> replies = new HashMap<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                if (record.getTopic().equals(Topics.CHAT_OUTBOUND)) {
                    Reply reply = EventCodec.decode(record.getPayload(), Reply.class);
                    replies.put(reply.id(), reply);
                    tallies.addAll(activity.reply(reply, record.getTimestamp()));
                } else {
                    tallies.addAll(tallies(record.getTopic(), record.getPayload(), record.getTimestamp()));
                }
                readable.add(record);
            } catch (RuntimeException unreadable) {
                settled.add(record.nack(unreadable).toCompletableFuture());
            }
        }
        for (Tally fresh : store.add(tallies)) {
            counters.counted(fresh);
            if (fresh.counts().stream().anyMatch(count -> count.metric().equals(Tally.REPLIES))) {
                timings.record(replies.get(fresh.id()));
            }
        }
        readable.forEach(record -> settled.add(record.ack().toCompletableFuture()));
        return CompletableFuture.allOf(settled.toArray(CompletableFuture[]::new));
    }

    private List<Tally> tallies(String topic, String payload, Instant at) {
        return switch (topic) {
            case Topics.CHAT_INBOUND -> activity.message(EventCodec.decode(payload, ChatMessage.class), at);
            case Topics.DELIVERY -> activity.delivery(EventCodec.decode(payload, Delivery.class), at);
            case Topics.SERVICE_EVENTS -> activity.serviceEvent(EventCodec.decode(payload, ServiceEvent.class), at);
            case Topics.MEMORY_EVENTS -> activity.memoryEvent(EventCodec.decode(payload, MemoryEvent.class), at);
            default -> throw new IllegalStateException("not subscribed to topic " + topic);
        };
    }

    /** Counted once per record given up on: by the topic, partition and offset it had before it was dead-lettered. */
    @Incoming("dead-letters")
    @Blocking
    public void onDeadLetter(ConsumerRecord<String, String> record) throws SQLException {
        String topic = header(record, "dead-letter-topic");
        String given = topic.isEmpty() ? record.topic() + "/" + record.partition() + "@" + record.offset()
                : topic + "/" + header(record, "dead-letter-partition") + "@" + header(record, "dead-letter-offset");
        store.add(activity.deadLetter(given, topic, header(record, "dead-letter-reason"),
                Instant.ofEpochMilli(record.timestamp()))).forEach(counters::counted);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
