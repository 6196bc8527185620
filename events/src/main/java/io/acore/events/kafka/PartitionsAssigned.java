package io.acore.events.kafka;

import java.util.Collection;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer group of this process was given its share of partitions (perhaps none). Observers run on the consumer's
 * polling thread before its first record: what a consumer starting at the topic's end would have missed can be read
 * from where it is kept.
 */
public record PartitionsAssigned(String group, Set<TopicPartition> partitions) {
    public PartitionsAssigned(String group, Collection<TopicPartition> partitions) {
        this(group, Set.copyOf(partitions));
    }
}
