package io.acore.devstack.quarkus;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from its beginning in the background and keeps every record, for tests to await on. */
public final class TopicWatcher implements AutoCloseable {
    private final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<String, String> consumer;
    private final Thread poller;

    public TopicWatcher(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-watcher-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        poller = new Thread(this::poll, "watch-" + topic);
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        try {
            while (true) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        } catch (WakeupException stopping) {
            // close() asked us to stop
        } finally {
            consumer.close();
        }
    }

    public List<ConsumerRecord<String, String>> records() {
        return List.copyOf(records);
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        poller.join(5000);
    }
}
