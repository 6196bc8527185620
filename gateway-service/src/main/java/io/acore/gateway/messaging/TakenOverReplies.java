package io.acore.gateway.messaging;

import io.acore.events.EventCodec;
import io.acore.events.MalformedEventException;
import io.acore.events.Platform;
import io.acore.events.Reply;
import io.acore.events.Topics;
import io.acore.events.kafka.BrokerConnection;
import io.acore.gateway.config.GatewayConfig;
import io.acore.gateway.discord.DeliveryClaims;
import io.acore.gateway.discord.shards.DiscordShards;
import io.acore.gateway.discord.shards.ShardTaken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Delivers what a shard's previous owner left undelivered. The Discord reply consumer of a process reads replies
 * from when it joined and passes over those of shards it does not run, so when a process takes a shard, the final
 * replies of that shard's conversations written since shortly before the previous owner's last heartbeat
 * ({@code acore.discord.shards.takeover-lookback}) are read again from the topic, and those no process has posted
 * or given up on are delivered, in the order they were written; a look the broker or the database prevented is
 * made again while the shard stays here. Claims keep each one single whoever else is delivering it.
 */
@ApplicationScoped
public class TakenOverReplies {
    private static final Duration POLL = Duration.ofSeconds(1);
    /** A look that failed (broker or database out of reach) is made again after this, while the shard is ours. */
    private static final Duration RETRY = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(TakenOverReplies.class);

    private final BrokerConnection broker;
    private final DiscordShards shards;
    private final DeliveryClaims claims;
    private final DiscordReplyConsumer consumer;
    private final Duration lookback;

    public TakenOverReplies(BrokerConnection broker, DiscordShards shards, DeliveryClaims claims,
            DiscordReplyConsumer consumer, GatewayConfig config) {
        this.broker = broker;
        this.shards = shards;
        this.claims = claims;
        this.consumer = consumer;
        this.lookback = config.discord().shards().takeoverLookback();
    }

    void deliverPending(@ObservesAsync ShardTaken taken) {
        long since = taken.previousRenewal().minus(lookback).toEpochMilli();
        Map<String, Reply> unsettled;
        try {
            unsettled = withoutSettled(finalReplies(taken.shard(), since));
        } catch (RuntimeException | SQLException e) {
            LOG.warnf("Replies left undelivered on Discord shard %d not looked for yet (again in %d s): %s",
                    taken.shard(), RETRY.toSeconds(), e.getMessage());
            CompletableFuture.delayedExecutor(RETRY.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
                if (shards.held().contains(taken.shard())) {
                    deliverPending(taken);
                }
            });
            return;
        }
        if (!unsettled.isEmpty()) {
            LOG.infof("Discord shard %d: delivering %d replies its previous owner left undelivered", taken.shard(),
                    unsettled.size());
        }
        unsettled.values().stream().filter(reply -> shards.owns(reply.conversationId())).forEach(consumer::settle);
    }

    /** The last record of every reply to the shard's conversations written since then, oldest first. */
    private Map<String, Reply> finalReplies(int shard, long since) {
        Map<String, Reply> finals = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> topic = new KafkaConsumer<>(settings())) {
            List<TopicPartition> partitions = topic.partitionsFor(Topics.CHAT_OUTBOUND).stream()
                    .map(partition -> new TopicPartition(partition.topic(), partition.partition())).toList();
            topic.assign(partitions);
            Map<TopicPartition, Long> end = topic.endOffsets(partitions);
            Map<TopicPartition, Long> at = new LinkedHashMap<>();
            partitions.forEach(partition -> at.put(partition, since));
            Map<TopicPartition, OffsetAndTimestamp> start = topic.offsetsForTimes(at);
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp first = start.get(partition);
                topic.seek(partition, first == null ? end.get(partition) : first.offset());
            }
            while (partitions.stream().anyMatch(partition -> topic.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, String> record : topic.poll(POLL)) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        ofShard(record.value(), shard).forEach(reply -> finals.put(reply.id(), reply));
                    }
                }
            }
        }
        return finals;
    }

    private List<Reply> ofShard(String record, int shard) {
        try {
            Reply reply = EventCodec.decode(record, Reply.class);
            boolean wanted = reply.conversationId().platform() == Platform.DISCORD
                    && (reply.isFinal() || reply.isCancelled()) && shards.shardOf(reply.conversationId()) == shard;
            return wanted ? List.of(reply) : List.of();
        } catch (MalformedEventException e) {
            return List.of();
        }
    }

    private Map<String, Reply> withoutSettled(Map<String, Reply> replies) throws SQLException {
        Set<String> settled = claims.settled(replies.keySet());
        replies.keySet().removeAll(settled);
        return replies;
    }

    private Properties settings() {
        Properties settings = new Properties();
        settings.putAll(broker.settings());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "gateway-service-shard-takeover");
        return settings;
    }
}
