package io.acore.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.acore.devstack.DevStack;
import io.acore.devstack.StackConfig;
import io.acore.events.Topics;
import io.acore.events.kafka.DeadLetterConsumerGroup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Bad input against the whole stack: generated chat API bodies (odd Unicode, control characters, NUL, lone
 * surrogates, empty and over-long texts, broken JSON, wrong types, huge names, mention storms, injection
 * phrases), then malformed records on every topic. Afterwards: no answer of the chat API was a 5xx, every
 * service is ready, every malformed record is in the dead-letter topic with its reason, source topic and consumer
 * group, and a normal message is still answered.
 */
public final class BadInputDrill {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> TOPICS = List.of(Topics.CHAT_INBOUND, Topics.CHAT_OUTBOUND, Topics.DELIVERY,
            Topics.SERVICE_EVENTS);

    private BadInputDrill() {
    }

    /** What the drill found. */
    public record Result(int inputs, Map<Integer, Integer> statuses, int serverErrors, int malformedRecords,
            int deadLettered, boolean allReady, boolean stillAnswers) {
        public boolean passed() {
            return serverErrors == 0 && deadLettered == malformedRecords && allReady && stillAnswers;
        }
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getenv().getOrDefault("ACORE_HOME", ".")).toAbsolutePath().normalize();
        int inputs = Integer.parseInt(System.getenv().getOrDefault("CHAOS_INPUTS", "2000"));
        Result result = run(root, inputs, root.resolve("chaos/target/logs"));
        System.exit(result.passed() ? 0 : 1);
    }

    public static Result run(Path root, int inputs, Path logs) throws Exception {
        try (DevStack stack = DevStack.start(new StackConfig(root, StackConfig.freePorts(), 0, 0, null, null,
                Duration.ofMillis(50), Map.of("ACORE_GATEWAY_MESSAGES_PER_MINUTE", "1000000"), logs), System.out)) {
            String gateway = stack.serviceUrl(StackConfig.GATEWAY);
            Random random = new Random(42);
            Map<Integer, Integer> statuses = new HashMap<>();
            for (int i = 0; i < inputs; i++) {
                statuses.merge(post(gateway, BadInputs.body(random, i)), 1, Integer::sum);
            }
            int serverErrors = statuses.entrySet().stream().filter(e -> e.getKey() >= 500)
                    .mapToInt(Map.Entry::getValue).sum();
            System.out.printf("chaos | %d bad chat inputs: answers by status %s%n", inputs, statuses);

            List<String> poison = malformedRecords(stack);
            int deadLettered = deadLettered(stack, poison);
            System.out.printf("chaos | %d malformed records, %d of them dead-lettered with reason, source topic and consumer group%n",
                    poison.size(), deadLettered);

            boolean allReady = true;
            for (String service : List.of(StackConfig.GATEWAY, StackConfig.PERSONA, StackConfig.MEMORY,
                    StackConfig.ANALYTICS)) {
                allReady &= get(stack.serviceUrl(service) + "/q/health/ready") == 200;
            }
            boolean stillAnswers = answered(gateway);
            System.out.printf("chaos | every service ready: %s; a normal message still answered: %s%n", allReady,
                    stillAnswers);
            return new Result(inputs, statuses, serverErrors, poison.size(), deadLettered, allReady, stillAnswers);
        }
    }

    /** Writes malformed records onto every topic; returns their keys. */
    private static List<String> malformedRecords(DevStack stack) throws Exception {
        List<String> values = List.of("not json", "{\"v\":99,\"id\":\"x\"}", "{\"v\":1,\"id\":\"x\"}", "[]", "null",
                "{\"v\":1,\"id\":\"" + "x".repeat(900_000) + "\"}", "{\"v\":1,\"conversationId\":\"irc:lobby\"}");
        List<String> keys = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(stack.kafkaClient(Map.of(
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000)),
                new StringSerializer(), new StringSerializer())) {
            for (String topic : TOPICS) {
                for (String value : values) {
                    String key = "poison-" + UUID.randomUUID();
                    producer.send(new ProducerRecord<>(topic, key, value)).get();
                    keys.add(topic + " " + key);
                }
                String key = "poison-" + UUID.randomUUID();
                producer.send(new ProducerRecord<>(topic, key, null)).get();
                keys.add(topic + " " + key);
            }
        }
        return keys;
    }

    /**
     * How many of the malformed records reached the dead-letter topic with a reason, their source topic and the
     * consumer group that gave up on them.
     */
    private static int deadLettered(DevStack stack, List<String> poison) {
        Map<String, Boolean> found = new HashMap<>();
        Set<String> groups = new TreeSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(stack.kafkaClient(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "chaos-dead-letters-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 2_000_000)), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTER));
            Instant until = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(until) && found.size() < poison.size()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    String source = header(record, "dead-letter-topic");
                    String entry = source + " " + record.key();
                    String group = header(record, DeadLetterConsumerGroup.HEADER);
                    if (poison.contains(entry) && !header(record, "dead-letter-reason").isEmpty()
                            && !group.isEmpty()) {
                        found.put(entry, true);
                        groups.add(group);
                    }
                }
            }
        }
        System.out.printf("chaos | consumer groups that dead-lettered them: %s%n", String.join(", ", groups));
        return found.size();
    }

    private static boolean answered(String gateway) throws Exception {
        String channel = "after-bad-input";
        int status = post(gateway, JSON.writeValueAsString(Map.of("channel", channel, "user", "ada",
                "content", "Sable, are you still with us?")));
        Instant until = Instant.now().plusSeconds(60);
        while (status == 202 && Instant.now().isBefore(until)) {
            HttpRequest get = HttpRequest.newBuilder(URI.create(gateway + "/api/chat/messages?channel=" + channel))
                    .build();
            String lines = HTTP.send(get, HttpResponse.BodyHandlers.ofString()).body();
            if (lines.contains("\"role\":\"persona\"")) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        return false;
    }

    private static int post(String gateway, String body) throws Exception {
        HttpRequest post = HttpRequest.newBuilder(URI.create(gateway + "/api/chat/messages"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return HTTP.send(post, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
