package io.acore.bench;

import io.acore.devstack.DevStack;
import io.acore.devstack.ServiceProcess;
import io.acore.devstack.StackConfig;
import io.acore.events.Author;
import io.acore.events.ChatMessage;
import io.acore.events.ConversationId;
import io.acore.events.Event;
import io.acore.events.EventCodec;
import io.acore.events.Platform;
import io.acore.events.Stage;
import io.acore.events.Topics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Chat messages written to the inbound topic at a steady rate for a while, as a busy community would, while the
 * lag of memory-service's consumer group is sampled: ingest keeps up when the lag stays flat. Then it waits until
 * the group has caught up and counts the rows in PostgreSQL. Only memory-service runs (beside the broker and the
 * database): the other services read the same topic on their own machines in a deployment. The messages are bot-authored, which personas ignore
 * and memory stores without looking for facts, so this measures gateway-to-memory ingest alone.
 */
public final class IngestBench {
    private static final String GROUP = "memory-service.chat-inbound";
    private static final int TICKS_PER_SECOND = 100;

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getenv().getOrDefault("ACORE_HOME", ".")).toAbsolutePath().normalize();
        try (DevStack stack = DevStack.start(new StackConfig(root, StackConfig.memoryOnly(), 0, 0, null, null,
                Duration.ZERO, Map.of(), root.resolve("bench/target/logs")), System.out)) {
            List<ServiceProcess> memories = new ArrayList<>(List.of(stack.service(StackConfig.MEMORY)));
            for (int more = 1; more < Bench.setting("BENCH_MEMORY_REPLICAS", 1); more++) {
                memories.add(stack.startReplica(StackConfig.MEMORY, Map.of()));
            }
            run(stack, memories, Bench.setting("BENCH_INGEST_RATE", 5000), Bench.setting("BENCH_INGEST_SECONDS", 60),
                    Bench.setting("BENCH_INGEST_CONVERSATIONS", 1000));
        }
    }

    private static void run(DevStack stack, List<ServiceProcess> memories, int rate, int seconds, int conversations)
            throws Exception {
        String run = EventCodec.newId().substring(0, 8);
        int total = rate * seconds;
        System.out.printf("bench | ingest: %d messages/s for %d s into %d conversations, %d memory-service replica(s)%n",
                rate, seconds, conversations, memories.size());
        try (Admin admin = Admin.create(stack.kafkaClient());
                KafkaProducer<String, String> producer = new KafkaProducer<>(stack.kafkaClient(Map.of(
                        ProducerConfig.LINGER_MS_CONFIG, 5)), new StringSerializer(), new StringSerializer())) {
            long start = System.nanoTime();
            long nextSample = start;
            List<Long> lags = new ArrayList<>();
            int sent = 0;
            for (int tick = 0; tick < seconds * TICKS_PER_SECOND; tick++) {
                int due = (int) ((long) rate * (tick + 1) / TICKS_PER_SECOND);
                for (; sent < due; sent++) {
                    producer.send(record(run, sent, conversations));
                }
                if (System.nanoTime() >= nextSample) {
                    long lag = lag(admin);
                    lags.add(lag);
                    System.out.printf("bench | ingest: t=%2d s, sent %,d, consumer lag %,d%n",
                            TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), sent, lag);
                    nextSample += TimeUnit.SECONDS.toNanos(5);
                }
                long wake = start + TimeUnit.SECONDS.toNanos(tick + 1) / TICKS_PER_SECOND;
                TimeUnit.NANOSECONDS.sleep(wake - System.nanoTime());
            }
            producer.flush();
            long produced = System.nanoTime();
            while (lag(admin) > 0) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            long caughtUp = System.nanoTime();
            long stored = rows(stack, run, "");
            System.out.printf("bench | ingest: sent %,d in %.1f s (%.0f/s); lag samples %s; caught up %d ms after the"
                            + " last send; %,d of %,d stored (%.0f/s end to end)%n", total,
                    (produced - start) / 1e9, total / ((produced - start) / 1e9), lags,
                    TimeUnit.NANOSECONDS.toMillis(caughtUp - produced), stored, total,
                    stored / ((caughtUp - start) / 1e9));
            while (rows(stack, run, " AND NOT embedded") > 0) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            long embedded = System.nanoTime();
            List<Long> byReplica = new ArrayList<>();
            for (ServiceProcess memory : memories) {
                byReplica.add(ContextBench.metric(memory.baseUrl(), "acore_memory_embeddings_total"));
            }
            System.out.printf("bench | ingest: every stored turn embedded %.1f s after the first send, %.1f s after the"
                            + " last (%.0f/s from the first send); embeddings made by each replica %s%n",
                    (embedded - start) / 1e9, (embedded - produced) / 1e9, stored / ((embedded - start) / 1e9),
                    byReplica);
        }
    }

    private static ProducerRecord<String, String> record(String run, int i, int conversations) {
        ConversationId conversation = ConversationId.web("ingest-" + run + "-" + (i % conversations));
        ChatMessage message = new ChatMessage(Event.SCHEMA_VERSION, EventCodec.newId(), EventCodec.newId(),
                conversation, Platform.WEB, conversation.channelId(),
                new Author(Platform.WEB.userId("bench-bot-" + (i % 97)), "bench-bot", true),
                "ingest message " + i + " about the weather, the match last night and what to cook", null, null, false, null,
                Stage.GATEWAY_RECEIVED.first(Instant.now()));
        return new ProducerRecord<>(Topics.CHAT_INBOUND, conversation.toString(), EventCodec.encode(message));
    }

    /** Records on the inbound topic that memory-service has not yet committed (stored). */
    private static long lag(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get();
        Set<TopicPartition> partitions = admin.describeTopics(List.of(Topics.CHAT_INBOUND)).allTopicNames().get()
                .get(Topics.CHAT_INBOUND).partitions().stream()
                .map(p -> new TopicPartition(Topics.CHAT_INBOUND, p.partition())).collect(Collectors.toSet());
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        long lag = 0;
        for (var end : admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += end.getValue().offset() - (done == null ? 0 : done.offset());
        }
        return lag;
    }

    /** The run's turns in PostgreSQL that meet {@code condition} (an SQL {@code AND …}, or nothing). */
    private static long rows(DevStack stack, String run, String condition) throws Exception {
        try (Connection connection = stack.openDatabase();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM conversation_message WHERE conversation_id LIKE ?" + condition)) {
            count.setString(1, ConversationId.web("ingest-" + run + "-") + "%");
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
