package io.acore.events.kafka;

import java.util.Collection;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer group of this process is giving partitions up to another member. Observers run before the revoke
 * completes (the new member waits for them), on the consumer's polling thread: what they hold for those partitions
 * is to be finished or let go there.
 */
public record PartitionsRevoked(String group, Set<TopicPartition> partitions) {
    public PartitionsRevoked(String group, Collection<TopicPartition> partitions) {
        this(group, Set.copyOf(partitions));
    }
}
