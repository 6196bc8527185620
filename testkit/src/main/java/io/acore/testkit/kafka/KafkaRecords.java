package io.acore.testkit.kafka;

import io.acore.events.ChatMessage;
import io.acore.events.Event;
import io.acore.events.EventCodec;
import io.acore.events.Reply;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ProducerBuilder;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Writing and reading test records through a {@link KafkaCompanion}, the way the services' topics carry them. */
public final class KafkaRecords {
    private KafkaRecords() {
    }

    /** Writes one record, well-formed or not, and returns once the broker has it. */
    public static void send(KafkaCompanion kafka, String topic, String key, String value) {
        try (ProducerBuilder<String, String> producer = kafka.produceStrings()) {
            producer.fromRecords(KafkaCompanion.record(topic, key, value)).awaitCompletion();
        }
    }

    /** Writes a chat message keyed by its conversation, as the gateway does. */
    public static void send(KafkaCompanion kafka, String topic, ChatMessage message) {
        send(kafka, topic, message.conversationId().toString(), EventCodec.encode(message));
    }

    /** Writes a reply keyed by its conversation, as persona-service does. */
    public static void send(KafkaCompanion kafka, String topic, Reply reply) {
        send(kafka, topic, reply.conversationId().toString(), EventCodec.encode(reply));
    }

    /** Reads the topic from its beginning, in a group of its own, until the task is closed. */
    public static ConsumerTask<String, String> watch(KafkaCompanion kafka, String topic) {
        return kafka.consumeStrings().withProp(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest").fromTopics(topic);
    }

    /** Every record read so far, decoded as the event type the topic carries. */
    public static <T extends Event> List<T> decoded(ConsumerTask<String, String> records, Class<T> type) {
        return records.getRecords().stream().map(record -> EventCodec.decode(record.value(), type)).toList();
    }

    /** Why a consumer sent the record to the dead-letter topic; empty when it does not say. */
    public static String deadLetterReason(ConsumerRecord<String, String> record) {
        String reason = KafkaCompanion.getHeader(record.headers(), "dead-letter-reason");
        return reason == null ? "" : reason;
    }
}
