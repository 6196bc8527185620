package io.acore.chaos;

import io.acore.events.EventCodec;
import io.acore.events.Reply;
import io.acore.events.ReplyKind;
import io.acore.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Every final reply that appears on the outbound topic, by the message it answers, with when it was seen. */
final class FinalReplies implements AutoCloseable {
    /** One final record: the reply's id, its kind, and when this reader saw it. */
    record Seen(String replyId, ReplyKind kind, Instant at) {
    }

    private final Map<String, List<Seen>> byMessage = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, String> consumer;
    private final Thread poller;

    FinalReplies(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "chaos-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.CHAT_OUTBOUND));
        poller = new Thread(this::poll, "chaos-replies");
        poller.start();
    }

    private void poll() {
        try {
            while (true) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    Reply reply = EventCodec.decode(record.value(), Reply.class);
                    if (reply.isFinal() && !reply.isCancelled()) {
                        byMessage.computeIfAbsent(reply.inReplyTo(), id -> new CopyOnWriteArrayList<>())
                                .add(new Seen(reply.id(), reply.kind(), Instant.now()));
                    }
                }
            }
        } catch (WakeupException stopping) {
            // closed
        } finally {
            consumer.close();
        }
    }

    List<Seen> to(String messageId) {
        return byMessage.getOrDefault(messageId, List.of());
    }

    /** The distinct replies a message got: more than one means it was answered twice. */
    Set<String> replyIds(String messageId) {
        return Set.copyOf(to(messageId).stream().map(Seen::replyId).toList());
    }

    /** When the first final reply appeared after {@code moment}, if one did. */
    Instant firstAfter(Instant moment) {
        return byMessage.values().stream().flatMap(List::stream).map(Seen::at).filter(at -> at.isAfter(moment))
                .min(Instant::compareTo).orElse(null);
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        poller.join(5000);
    }
}
