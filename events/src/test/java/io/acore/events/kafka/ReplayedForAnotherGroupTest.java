package io.acore.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class ReplayedForAnotherGroupTest {
    private static final TopicPartition PARTITION = new TopicPartition("acore.chat.inbound", 0);

    @Test
    void aDeadLetterReplayedForOneGroupIsPassedOverByTheOthers() {
        ConsumerRecords<Object, Object> polled = new ConsumerRecords<>(Map.of(PARTITION, List.of(
                record(0, null), record(1, "memory-service.chat-inbound"), record(2, "persona-service.chat-inbound"))),
                Map.of(PARTITION, new OffsetAndMetadata(3)));

        assertThat(offsets(consumer("persona-service.chat-inbound").onConsume(polled))).containsExactly(0L, 2L);
        assertThat(offsets(consumer("memory-service.chat-inbound").onConsume(polled))).containsExactly(0L, 1L);
        assertThat(consumer("persona-service.chat-inbound").onConsume(polled).nextOffsets())
                .containsEntry(PARTITION, new OffsetAndMetadata(3));
    }

    @Test
    void aProducerIsLeftAlone() {
        ReplayedForAnotherGroup producerSide = new ReplayedForAnotherGroup();
        producerSide.configure(Map.of("client.id", "kafka-producer-chat-outbound"));
        ConsumerRecords<Object, Object> polled = new ConsumerRecords<>(Map.of(PARTITION,
                List.of(record(0, "memory-service.chat-inbound"))), Map.of());

        assertThat(producerSide.onConsume(polled)).isSameAs(polled);
    }

    private static ReplayedForAnotherGroup consumer(String group) {
        ReplayedForAnotherGroup interceptor = new ReplayedForAnotherGroup();
        interceptor.configure(Map.of("group.id", group));
        return interceptor;
    }

    private static ConsumerRecord<Object, Object> record(long offset, String replayedFor) {
        RecordHeaders headers = new RecordHeaders();
        if (replayedFor != null) {
            headers.add(ReplayedForAnotherGroup.HEADER, replayedFor.getBytes(StandardCharsets.UTF_8));
        }
        return new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), offset, 0L, TimestampType.CREATE_TIME, 0,
                0, "key", "value", headers, Optional.empty());
    }

    private static List<Long> offsets(ConsumerRecords<Object, Object> records) {
        return records.records(PARTITION).stream().map(ConsumerRecord::offset).toList();
    }
}
