package io.acore.gateway.discord.shards;

import java.time.Instant;

/**
 * This process has just taken the shard. Its previous owner (or this process before a restart) last renewed its
 * lease at {@code previousRenewal} (now, for a shard never held before): replies written before then may still be
 * waiting for delivery.
 */
public record ShardTaken(int shard, Instant previousRenewal) {
}
