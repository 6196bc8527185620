package io.acore.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.acore.events.Topics;
import io.acore.events.kafka.DeadLetterConsumerGroup;
import io.acore.events.kafka.ReplayedForAnotherGroup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class DeadLetterReplayTest {

    @Test
    void deadLettersGoBackToTheirTopicOnce() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0)) {
            String bootstrap = kafka.bootstrapServers();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
                ProducerRecord<String, String> failedByMemory = deadLetter("web:a", "{\"first\":1}", Topics.CHAT_INBOUND);
                failedByMemory.headers().add(DeadLetterConsumerGroup.HEADER,
                        "memory-service.chat-inbound".getBytes(StandardCharsets.UTF_8));
                producer.send(failedByMemory).get();
                producer.send(deadLetter("web:b", "{\"second\":2}", Topics.CHAT_OUTBOUND)).get();
            }

            assertThat(DeadLetterReplay.replay(kafka.adminClient(), List.of(Topics.CHAT_INBOUND), false)).isEqualTo(1);
            assertThat(DeadLetterReplay.replay(kafka.adminClient(), List.of(), false)).as("nothing new").isZero();
            assertThat(DeadLetterReplay.replay(kafka.adminClient(), List.of(Topics.CHAT_OUTBOUND), true)).isEqualTo(1);

            List<ConsumerRecord<String, String>> inbound = readAll(bootstrap, Topics.CHAT_INBOUND, 1);
            assertThat(inbound).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("web:a");
                assertThat(r.value()).isEqualTo("{\"first\":1}");
                assertThat(new String(r.headers().lastHeader(ReplayedForAnotherGroup.HEADER).value(),
                        StandardCharsets.UTF_8)).as("read again by the group that gave up on it only")
                        .isEqualTo("memory-service.chat-inbound");
            });
            assertThat(readAll(bootstrap, Topics.CHAT_OUTBOUND, 1)).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("web:b");
                assertThat(r.headers().lastHeader(ReplayedForAnotherGroup.HEADER)).as("no group named: every group")
                        .isNull();
            });
        }
    }

    private static ProducerRecord<String, String> deadLetter(String key, String value, String origin) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.DEAD_LETTER, key, value);
        record.headers().add("dead-letter-topic", origin.getBytes(StandardCharsets.UTF_8));
        record.headers().add("dead-letter-reason", "test".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic, int expected) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "read-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.size() < expected && System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    @Test
    void aBrokerThatRefusesTheToolIsToldApartFromAnEmptyDeadLetterTopic() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.startSecured(0, "replay-admin")) {
            try (Admin admin = Admin.create(kafka.adminClient())) {
                admin.createTopics(List.of(new NewTopic(Topics.DEAD_LETTER, 1, (short) 1))).all().get();
            }
            assertThat(DeadLetterReplay.reachable(kafka.adminClient())).isTrue();
            assertThat(DeadLetterReplay.reachable(kafka.client(EmbeddedKafka.ADMIN, "guessed"))).isFalse();
        }
    }
}
