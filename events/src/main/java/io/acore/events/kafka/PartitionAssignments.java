package io.acore.events.kafka;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The partitions each consumer group of this process holds, as the group's rebalances hand them out. A group that
 * has never been given its share (even an empty one, when there are more members than partitions) is absent.
 * Partitions given up are announced ({@link PartitionsRevoked}) before the revoke completes.
 * Every channel uses it: {@code mp.messaging.connector.smallrye-kafka.consumer-rebalance-listener.name}.
 */
@ApplicationScoped
@Identifier(PartitionAssignments.NAME)
public class PartitionAssignments implements KafkaConsumerRebalanceListener {
    public static final String NAME = "acore-partition-assignments";

    private final Map<String, Set<TopicPartition>> heldByGroup = new ConcurrentHashMap<>();
    private final Event<PartitionsRevoked> revocations;

    public PartitionAssignments(Event<PartitionsRevoked> revocations) {
        this.revocations = revocations;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        held(consumer).addAll(partitions);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        held(consumer).removeAll(partitions);
        if (!partitions.isEmpty()) {
            revocations.fire(new PartitionsRevoked(consumer.groupMetadata().groupId(), partitions));
        }
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        held(consumer).removeAll(partitions);
    }

    /** How many partitions the group holds here; empty before it has been given its share. */
    public Optional<Integer> held(String group) {
        return Optional.ofNullable(heldByGroup.get(group)).map(Set::size);
    }

    private Set<TopicPartition> held(Consumer<?, ?> consumer) {
        return heldByGroup.computeIfAbsent(consumer.groupMetadata().groupId(), group -> ConcurrentHashMap.newKeySet());
    }
}
