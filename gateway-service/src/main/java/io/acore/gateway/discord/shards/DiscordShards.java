package io.acore.gateway.discord.shards;

import io.acore.events.ConversationId;
import io.acore.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collections;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Which of the bot's Discord shards this gateway process runs now. Discord sends each server's events to one shard
 * ({@code (server id >> 22) % shard total}) and direct messages to shard 0; the process that runs a shard takes in
 * its messages and delivers the replies of its conversations. Which process runs which shard is decided by
 * {@link ShardOwnership} and changes as processes come and go.
 */
@ApplicationScoped
public class DiscordShards {
    private final int total;
    private final String process = UUID.randomUUID().toString();
    /** How long after taking a shard its session's start still counts as coming back from the dark. */
    private static final Duration STARTING = Duration.ofMinutes(2);

    private record Taken(Instant previousRenewal, Instant at) {
    }

    private final Map<Integer, Taken> taken = new ConcurrentHashMap<>();
    private volatile Set<Integer> held = Set.of();

    @Inject
    public DiscordShards(GatewayConfig config) {
        this(config.discord().shardTotal());
    }

    DiscordShards(int total) {
        if (total < 1) {
            throw new IllegalArgumentException("ACORE_DISCORD_SHARD_TOTAL (" + total + ") must be at least 1");
        }
        this.total = total;
    }

    public int total() {
        return total;
    }

    /** This process (one per start): who holds a shard's lease, and who claims the replies it posts. */
    public String process() {
        return process;
    }

    /** The shards this process holds the lease of, in ascending order. */
    public Set<Integer> held() {
        return held;
    }

    /**
     * Since when nobody may have listened to the shard: while its session starts after this process took it, the
     * previous owner's last heartbeat; later (a session started anew while the shard stayed here), now.
     */
    public Instant darkSince(int shard) {
        Instant now = Instant.now();
        Taken last = taken.get(shard);
        return last == null || last.at().plus(STARTING).isBefore(now) ? now : last.previousRenewal();
    }

    void taken(int shard, Instant previousRenewal) {
        taken.put(shard, new Taken(previousRenewal, Instant.now()));
    }

    void hold(Set<Integer> shards) {
        held = Collections.unmodifiableSortedSet(new TreeSet<>(shards));
    }

    /** Whether this process runs the shard that hears (and so answers) the conversation. */
    public boolean owns(ConversationId conversation) {
        return held.contains(shardOf(conversation));
    }

    public int shardOf(ConversationId conversation) {
        String guild = conversation.guildId();
        return guild == null ? 0 : (int) ((Long.parseUnsignedLong(guild) >>> 22) % total);
    }

    /**
     * The shards the even split over the live members gives to {@code member}: shard {@code s} goes to the
     * member at {@code s % members} in their stable order, so every member computes the same split.
     */
    static Set<Integer> shareOf(List<String> members, String member, int total) {
        int index = members.indexOf(member);
        if (index < 0) {
            return Set.of();
        }
        return IntStream.range(0, total).filter(shard -> shard % members.size() == index).boxed()
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
