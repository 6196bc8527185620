package io.acore.events.kafka;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * A dead letter replayed onto its topic ({@code ./acore replay-dead-letters}) carries the {@value #HEADER} header,
 * naming the consumer group that gave up on it; every other group reading the topic passes it over, since it
 * handled the record the first time. Installed for every channel with
 * {@code mp.messaging.connector.smallrye-kafka.interceptor.classes}, so it is also handed to producers, which it
 * leaves alone.
 */
public final class ReplayedForAnotherGroup implements ConsumerInterceptor<Object, Object>,
        ProducerInterceptor<Object, Object> {
    public static final String HEADER = "acore-replayed-for";

    private String group;

    @Override
    public void configure(Map<String, ?> configs) {
        Object configured = configs.get("group.id");
        group = configured == null ? null : configured.toString();
    }

    @Override
    public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
        if (group == null || records.isEmpty()) {
            return records;
        }
        Map<TopicPartition, List<ConsumerRecord<Object, Object>>> kept = new HashMap<>();
        boolean passedOver = false;
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<Object, Object>> mine = records.records(partition).stream()
                    .filter(this::forThisGroup).toList();
            passedOver |= mine.size() < records.records(partition).size();
            if (!mine.isEmpty()) {
                kept.put(partition, mine);
            }
        }
        if (!passedOver) {
            return records;
        }
        Map<TopicPartition, OffsetAndMetadata> next = records.nextOffsets();
        return new ConsumerRecords<>(kept, next);
    }

    boolean forThisGroup(ConsumerRecord<?, ?> record) {
        Header replayedFor = record.headers().lastHeader(HEADER);
        return replayedFor == null || group.equals(new String(replayedFor.value(), StandardCharsets.UTF_8));
    }

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    @Override
    public void close() {
    }
}
