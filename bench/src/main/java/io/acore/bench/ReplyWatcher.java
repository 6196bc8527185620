package io.acore.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acore.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Completes a future when the final reply to a message id appears on the outbound topic. */
final class ReplyWatcher implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A final reply and the {@link System#nanoTime()} at which this watcher saw it. */
    record Seen(long nanos, JsonNode reply) {
    }

    private final Map<String, CompletableFuture<Seen>> waiting = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, String> consumer;
    private final Thread poller;

    ReplyWatcher(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.CHAT_OUTBOUND));
        while (consumer.assignment().isEmpty()) {
            consumer.poll(Duration.ofMillis(100));
        }
        poller = new Thread(this::poll, "bench-replies");
        poller.start();
    }

    CompletableFuture<Seen> replyTo(String messageId) {
        return waiting.computeIfAbsent(messageId, id -> new CompletableFuture<>());
    }

    private void poll() {
        try {
            while (true) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    long seen = System.nanoTime();
                    JsonNode reply = JSON.readTree(record.value());
                    if (!reply.path("partial").asBoolean(false)) {
                        replyTo(reply.path("inReplyTo").asText()).complete(new Seen(seen, reply));
                    }
                }
            }
        } catch (WakeupException stopping) {
            // closed
        } catch (Exception e) {
            waiting.values().forEach(f -> f.completeExceptionally(e));
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        poller.join(5000);
    }
}
