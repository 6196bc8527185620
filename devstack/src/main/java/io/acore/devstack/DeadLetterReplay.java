package io.acore.devstack;

import io.acore.events.Topics;
import io.acore.events.kafka.DeadLetterConsumerGroup;
import io.acore.events.kafka.ReplayedForAnotherGroup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./acore replay-dead-letters}: writes the records in {@code acore.deadletter} back onto the topic each came
 * from (its {@code dead-letter-topic} header), key and value unchanged, for example after fixing what made them
 * fail. Each names the consumer group that gave up on it ({@link ReplayedForAnotherGroup#HEADER}), so only that
 * group reads it again: the others handled it the first time. Dead letters are marked replayed only once the
 * broker has taken every record written back. Progress is kept in the consumer group {@value #GROUP}, so a record is replayed once; {@code --from-start}
 * reads the dead-letter topic from its beginning again. Only records that came from the topics given (all, when
 * none is) are replayed; the others are passed over, and only {@code --from-start} reaches them again.
 */
public final class DeadLetterReplay {
    static final String GROUP = "acore.deadletter-replay";

    private DeadLetterReplay() {
    }

    public static void main(String[] args) {
        boolean fromStart = List.of(args).contains("--from-start");
        List<String> topics = List.of(args).stream().filter(arg -> !arg.startsWith("--")).toList();
        Map<String, Object> client = new HashMap<>(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS",
                        "localhost:" + System.getenv().getOrDefault("ACORE_KAFKA_PORT", "9092"))));
        String adminPassword = System.getenv("KAFKA_ADMIN_PASSWORD");
        if (adminPassword != null && !adminPassword.isBlank()) {
            client.putAll(KafkaSignIn.settings(EmbeddedKafka.ADMIN, adminPassword));
        }
        if (!reachable(client)) {
            System.err.println("could not reach or sign in to the Kafka broker at "
                    + client.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
                    + ": set KAFKA_BOOTSTRAP_SERVERS, and KAFKA_ADMIN_PASSWORD to the broker admin's password");
            System.exit(1);
        }
        int replayed = replay(client, topics, fromStart);
        System.out.printf("replayed %d dead letters onto their topics%n", replayed);
    }

    /** Whether the broker answers this client, signed in: a broker that refuses it would look like an empty topic. */
    static boolean reachable(Map<String, Object> client) {
        Map<String, Object> settings = with(client, Map.of(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
        try (Admin admin = Admin.create(settings)) {
            admin.describeTopics(List.of(Topics.DEAD_LETTER)).allTopicNames().get(10, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Replays what is new in the dead-letter topic (everything, {@code fromStart}) with a client of {@code client}'s
     * settings (the broker's address, and its admin's sign-in where the broker asks for one); returns how many.
     */
    static int replay(Map<String, Object> client, List<String> topics, boolean fromStart) {
        int replayed = 0;
        try (KafkaConsumer<String, String> deadLetters = new KafkaConsumer<>(with(client, Map.of(
                        ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false")),
                        new StringDeserializer(), new StringDeserializer());
                KafkaProducer<String, String> producer = new KafkaProducer<>(with(client, Map.of(
                        ProducerConfig.ACKS_CONFIG, "all")), new StringSerializer(), new StringSerializer())) {
            deadLetters.subscribe(List.of(Topics.DEAD_LETTER));
            ConsumerRecords<String, String> batch = deadLetters.poll(Duration.ofSeconds(5));
            if (fromStart) {
                deadLetters.seekToBeginning(deadLetters.assignment());
                batch = deadLetters.poll(Duration.ofSeconds(5));
            }
            while (!batch.isEmpty()) {
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (ConsumerRecord<String, String> record : batch) {
                    String origin = header(record, "dead-letter-topic");
                    if (origin == null || !topics.isEmpty() && !topics.contains(origin)) {
                        continue;
                    }
                    ProducerRecord<String, String> again = new ProducerRecord<>(origin, record.key(), record.value());
                    String group = header(record, DeadLetterConsumerGroup.HEADER);
                    if (group != null) {
                        again.headers().add(ReplayedForAnotherGroup.HEADER, group.getBytes(StandardCharsets.UTF_8));
                    }
                    sent.add(producer.send(again));
                }
                producer.flush();
                for (Future<RecordMetadata> written : sent) {
                    awaitWritten(written);
                }
                replayed += sent.size();
                deadLetters.commitSync();
                batch = deadLetters.poll(Duration.ofSeconds(2));
            }
        }
        return replayed;
    }

    /** A record the broker did not take stops the replay before its dead letters are marked replayed. */
    private static void awaitWritten(Future<RecordMetadata> written) {
        try {
            written.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying dead letters", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a dead letter could not be written back: " + e.getCause(), e.getCause());
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> with(Map<String, Object> client, Map<String, Object> own) {
        Map<String, Object> settings = new HashMap<>(client);
        settings.putAll(own);
        return settings;
    }
}
