package io.acore.analytics.client;

import io.acore.events.kafka.BrokerConnection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How many records a consumer group has yet to read, from the broker's offsets (what an operator's lag is). */
@ApplicationScoped
public class ConsumerLag {
    private static final long WAIT_SECONDS = 3;

    private final Admin admin;

    public ConsumerLag(BrokerConnection broker) {
        int wait = (int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS);
        Map<String, Object> settings = new HashMap<>(broker.settings());
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, wait);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, wait);
        this.admin = Admin.create(settings);
    }

    /** Records of {@code topic} the group has not read yet, over the partitions it has read from; empty if unknown. */
    public OptionalLong of(String group, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> read = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(WAIT_SECONDS, TimeUnit.SECONDS).entrySet().stream()
                    .filter(entry -> entry.getKey().topic().equals(topic) && entry.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            if (read.isEmpty()) {
                return OptionalLong.empty();
            }
            Map<TopicPartition, OffsetSpec> ends = read.keySet().stream()
                    .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
            long lag = 0;
            for (var end : admin.listOffsets(ends).all().get(WAIT_SECONDS, TimeUnit.SECONDS).entrySet()) {
                lag += Math.max(0, end.getValue().offset() - read.get(end.getKey()).offset());
            }
            return OptionalLong.of(lag);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        } catch (Exception unknown) {
            return OptionalLong.empty();
        }
    }

    @PreDestroy
    void close() {
        admin.close();
    }
}
