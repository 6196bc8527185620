package io.acore.events.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Adds the {@value #HEADER} header to every record a channel's dead-letter producer writes. That producer is
 * configured from the consumer's channel but without its {@code group.id}, so each channel that dead-letters names
 * its group again: {@code mp.messaging.incoming.<channel>.dead-letter-queue.consumer-group}. Installed for every
 * channel with {@code mp.messaging.connector.smallrye-kafka.dead-letter-queue.interceptor.classes}.
 */
public final class DeadLetterConsumerGroup implements ProducerInterceptor<Object, Object> {
    public static final String HEADER = "dead-letter-consumer-group";
    static final String GROUP_KEY = "consumer-group";

    private byte[] group;

    @Override
    public void configure(Map<String, ?> configs) {
        Object configured = configs.get(GROUP_KEY);
        if (configured == null) {
            throw new IllegalStateException("a dead-letter producer without dead-letter-queue." + GROUP_KEY
                    + " (client " + configs.get("client.id") + ")");
        }
        group = configured.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        record.headers().remove(HEADER).add(HEADER, group);
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    }

    @Override
    public void close() {
    }
}
