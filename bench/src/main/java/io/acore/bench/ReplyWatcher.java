package io.acore.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acore.devstack.DevStack;
import io.acore.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches the outbound topic from the moment it is made: keeps every final reply by the message it answers, and
 * completes a future when the first one to a message appears. Used by the benchmarks and the crash drills.
 */
public final class ReplyWatcher implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A final reply, and when this watcher saw it ({@link System#nanoTime()} and wall clock). */
    public record Seen(long nanos, Instant at, JsonNode reply) {
        public String id() {
            return reply.path("id").asText();
        }

        public String kind() {
            return reply.path("kind").asText();
        }
    }

    private final Map<String, CompletableFuture<Seen>> waiting = new ConcurrentHashMap<>();
    private final Map<String, List<Seen>> finals = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, String> consumer;
    private final Thread poller;

    public ReplyWatcher(DevStack stack) {
        consumer = new KafkaConsumer<>(stack.kafkaClient(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest")),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.CHAT_OUTBOUND));
        while (consumer.assignment().isEmpty()) {
            consumer.poll(Duration.ofMillis(100));
        }
        poller = new Thread(this::poll, "bench-replies");
        poller.start();
    }

    /** Completes with the first final reply to the message. */
    public CompletableFuture<Seen> replyTo(String messageId) {
        return waiting.computeIfAbsent(messageId, id -> new CompletableFuture<>());
    }

    /** Every final reply to the message seen so far. */
    public List<Seen> finals(String messageId) {
        return finals.getOrDefault(messageId, List.of());
    }

    /** When the first final reply to any message was seen after {@code moment}, if one was. */
    public Instant firstAfter(Instant moment) {
        return finals.values().stream().flatMap(List::stream).map(Seen::at).filter(at -> at.isAfter(moment))
                .min(Instant::compareTo).orElse(null);
    }

    private void poll() {
        try {
            while (true) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    Seen seen = new Seen(System.nanoTime(), Instant.now(), JSON.readTree(record.value()));
                    if (!seen.reply().path("partial").asBoolean(false)) {
                        String messageId = seen.reply().path("inReplyTo").asText();
                        finals.computeIfAbsent(messageId, id -> new CopyOnWriteArrayList<>()).add(seen);
                        replyTo(messageId).complete(seen);
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
