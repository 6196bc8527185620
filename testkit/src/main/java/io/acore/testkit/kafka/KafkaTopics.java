package io.acore.testkit.kafka;

import io.acore.events.ChatMessage;
import io.acore.events.Event;
import io.acore.events.EventCodec;
import io.acore.events.Reply;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ProducerBuilder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The test broker's topics, through a {@link KafkaCompanion}: write records the way the services write them, and
 * read everything a topic has carried. A topic is read from its beginning, in a group of its own, from the first
 * time a test asks for it until the broker stops; tests pick out their own records by id.
 */
public final class KafkaTopics implements AutoCloseable {
    private final KafkaCompanion kafka;
    private final ProducerBuilder<String, String> producer;
    private final Map<String, ConsumerTask<String, String>> watched = new ConcurrentHashMap<>();

    KafkaTopics(KafkaCompanion kafka) {
        this.kafka = kafka;
        this.producer = kafka.produceStrings();
    }

    /**
     * The topics of a broker that runs elsewhere (a whole stack started by a test), reached with {@code client}'s
     * settings (its address and sign-in); close it when done.
     */
    public static KafkaTopics of(Map<String, Object> client) {
        KafkaCompanion kafka = new KafkaCompanion(String.valueOf(client.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)));
        kafka.setCommonClientConfig(new HashMap<>(client));
        return new KafkaTopics(kafka);
    }

    /** Writes one record, well-formed or not, and returns once the broker has it. */
    public void send(String topic, String key, String value) {
        producer.fromRecords(KafkaCompanion.record(topic, key, value)).awaitCompletion();
    }

    /** Writes a chat message keyed by its conversation with one header, as a tool writing it back would. */
    public void send(String topic, ChatMessage message, String header, String headerValue) {
        ProducerRecord<String, String> record = KafkaCompanion.record(topic, message.conversationId().toString(),
                EventCodec.encode(message));
        record.headers().add(header, headerValue.getBytes(StandardCharsets.UTF_8));
        producer.fromRecords(record).awaitCompletion();
    }

    /** Writes a chat message keyed by its conversation, as the gateway does. */
    public void send(String topic, ChatMessage message) {
        send(topic, message.conversationId().toString(), EventCodec.encode(message));
    }

    /** Writes chat messages in one go, each keyed by its conversation, and returns once the broker has them all. */
    public void sendAll(String topic, List<ChatMessage> messages) {
        producer.fromRecords(messages.stream().map(message -> KafkaCompanion.record(topic,
                message.conversationId().toString(), EventCodec.encode(message))).toList()).awaitCompletion();
    }

    /** Writes a reply keyed by its conversation, as persona-service does. */
    public void send(String topic, Reply reply) {
        send(topic, reply.conversationId().toString(), EventCodec.encode(reply));
    }

    /** Every record the topic has carried so far, in the order read. */
    public List<ConsumerRecord<String, String>> records(String topic) {
        return watched.computeIfAbsent(topic, name -> kafka.consumeStrings()
                .withProp(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest").fromTopics(name)).getRecords();
    }

    /** Every record the topic has carried so far, decoded as the event type it carries. */
    public <T extends Event> List<T> events(String topic, Class<T> type) {
        return records(topic).stream().map(record -> EventCodec.decode(record.value(), type)).toList();
    }

    /** Why a consumer sent the record to the dead-letter topic; empty when it does not say. */
    public static String deadLetterReason(ConsumerRecord<String, String> record) {
        return deadLetterHeader(record, "dead-letter-reason");
    }

    /** A header of a dead letter as text, empty when absent. */
    public static String deadLetterHeader(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        watched.values().forEach(ConsumerTask::close);
        producer.close();
        kafka.close();
    }
}
