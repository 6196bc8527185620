/**
 * How every service consumes the contract's topics, written once: dead letters name the consumer group that gave
 * up on them ({@link io.acore.events.kafka.DeadLetterConsumerGroup}), and a service is not ready before each of
 * its consumers has joined its group and been given its share of the partitions
 * ({@link io.acore.events.kafka.PartitionsReadinessCheck}).
 */
package io.acore.events.kafka;
