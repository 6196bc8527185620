package io.acore.gateway.discord.shards;

import io.acore.events.kafka.PartitionAssignments;
import io.acore.gateway.config.GatewayConfig;
import io.acore.gateway.discord.DiscordConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Moves Discord shards between gateway processes. Every heartbeat each process renews its membership and its
 * shard leases ({@link ShardLeases}), works out the even split of the shards over the live members
 * ({@link DiscordShards#shareOf}), gives up what the split takes from it (once its session is connected: JDA
 * connects a process's sessions one after another, and one closed while it waits holds up the rest) and takes
 * what the split gives it: a shard whose
 * owner died is taken over once that owner's lease has run out, without anyone configuring how many replicas
 * there are. A process that finds a lease of its own taken by another stops that shard at once. Each shard taken
 * is announced ({@link ShardTaken}), so the replies its previous owner left undelivered are delivered.
 * While the database is out of reach the shards held keep running, as nothing can be taken over meanwhile.
 */
@ApplicationScoped
public class ShardOwnership {
    private static final Logger LOG = Logger.getLogger(ShardOwnership.class);
    private static final Duration RETRY_START = Duration.ofSeconds(5);

    private final DiscordShards shards;
    private final ShardLeases leases;
    private final DiscordConnection discord;
    private final Event<ShardTaken> taken;
    private final PartitionAssignments assignments;
    private final String instance;
    private final String replyGroup;
    private final Duration ttl;
    private final String process;
    private final Counter unreachable;
    private boolean repliesFollowed;
    private volatile boolean leaving;
    private final Map<Integer, Instant> startAgainAt = new HashMap<>();

    public ShardOwnership(DiscordShards shards, ShardLeases leases, DiscordConnection discord, Event<ShardTaken> taken,
            @Identifier(PartitionAssignments.NAME) PartitionAssignments assignments, GatewayConfig config, MeterRegistry registry,
            @ConfigProperty(name = "kafka.group.instance.id") String instance,
            @ConfigProperty(name = "mp.messaging.incoming.discord-outbound.group.id") String replyGroup) {
        this.shards = shards;
        this.process = shards.process();
        this.leases = leases;
        this.discord = discord;
        this.taken = taken;
        this.assignments = assignments;
        this.instance = instance;
        this.replyGroup = replyGroup;
        this.ttl = config.discord().shards().leaseTtl();
        this.unreachable = Counter.builder("acore.gateway.shard.leases.unreachable")
                .description("Heartbeats that could not reach the database; the shards held kept running")
                .register(registry);
    }

    @Scheduled(every = "${acore.discord.shards.heartbeat}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void heartbeat() {
        if (!discord.enabled() || leaving || !followingReplies()) {
            return;
        }
        try {
            List<String> members = leases.heartbeat(process, instance, ttl);
            Set<Integer> share = DiscordShards.shareOf(members, process, shards.total());
            Set<Integer> held = new TreeSet<>(leases.renew(process, shards.held(), ttl));
            for (int lost : difference(shards.held(), held)) {
                LOG.warnf("Discord shard %d was taken over by another gateway process: stopping it here", lost);
                shards.hold(held);
                discord.stop(lost);
            }
            held.stream().filter(shard -> !discord.running(shard)).forEach(this::start);
            for (int given : difference(held, share)) {
                if (!discord.connected(given)) {
                    continue; // a session closed while it waits to connect would hold up every later one
                }
                held.remove(given);
                shards.hold(held);
                discord.stop(given);
                leases.release(process, given);
            }
            for (int wanted : difference(share, held)) {
                var lease = leases.take(wanted, process, ttl);
                if (lease.isPresent()) {
                    Instant previousRenewal = lease.get().previousRenewal().orElse(Instant.now());
                    shards.taken(wanted, previousRenewal);
                    held.add(wanted);
                    shards.hold(held);
                    start(wanted);
                    taken.fireAsync(new ShardTaken(wanted, previousRenewal));
                    LOG.infof("Discord shard %d taken (hand-over %d; %d gateway processes live)", wanted,
                            lease.get().epoch(), members.size());
                }
            }
        } catch (SQLException e) {
            unreachable.increment();
            LOG.warnf("Discord shard leases not renewed (database out of reach); shards %s keep running: %s",
                    shards.held(), e.getMessage());
        }
    }

    /**
     * Starts the shard's session; one that cannot start (Discord out of reach at login) is tried again on a later
     * heartbeat, no sooner than {@link #RETRY_START} after the last try.
     */
    private void start(int shard) {
        Instant now = Instant.now();
        if (now.isBefore(startAgainAt.getOrDefault(shard, Instant.MIN))) {
            return;
        }
        try {
            discord.run(shard);
            startAgainAt.remove(shard);
        } catch (RuntimeException e) {
            startAgainAt.put(shard, now.plus(RETRY_START));
            LOG.warnf("Discord shard %d did not start, tried again in %d s: %s", shard, RETRY_START.toSeconds(),
                    e.getMessage());
        }
    }

    /**
     * A shard is taken only once this process's Discord reply consumer holds its partitions: it reads from where
     * the topic ends when it joins, and a takeover delivers what came before, so neither leaves a gap. The check
     * passes one heartbeat after the consumer got its share, giving it time to fix its starting position.
     */
    private boolean followingReplies() {
        if (!repliesFollowed) {
            repliesFollowed = assignments.held(replyGroup).isPresent();
            return false;
        }
        return true;
    }

    synchronized void leave(@Observes ShutdownEvent shutdown) {
        leaving = true;
        if (!discord.enabled()) {
            return;
        }
        Set<Integer> held = shards.held();
        shards.hold(Set.of());
        held.forEach(discord::stop);
        try {
            leases.leave(process);
        } catch (SQLException e) {
            LOG.warnf("Discord shard leases not given up on shutdown (they run out on their own): %s", e.getMessage());
        }
    }

    private static Set<Integer> difference(Set<Integer> from, Set<Integer> without) {
        Set<Integer> rest = new TreeSet<>(from);
        rest.removeAll(without);
        return rest;
    }
}
