package io.acore.gateway.discord;

import io.acore.events.ConversationId;
import io.acore.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Which of the bot's Discord shards this gateway replica runs. Discord sends each server's events to one shard
 * ({@code (server id >> 22) % shard total}) and direct messages to shard 0, so replicas that split the shards
 * between them never receive the same event twice, and each delivers the replies of the conversations it hears.
 */
@ApplicationScoped
public class DiscordShards {
    private final int total;
    private final List<Integer> mine;

    @Inject
    public DiscordShards(GatewayConfig config) {
        this(config.discord().shardTotal(), config.discord().replicas(), config.discord().replica());
    }

    DiscordShards(int total, int replicas, int replica) {
        if (total < 1 || replicas < 1 || replicas > total) {
            throw new IllegalArgumentException("ACORE_DISCORD_SHARD_TOTAL (" + total + ") and ACORE_DISCORD_REPLICAS ("
                    + replicas + ") must be at least 1, with no more replicas than shards");
        }
        if (replica < 0 || replica >= replicas) {
            throw new IllegalArgumentException("ACORE_DISCORD_REPLICA (" + replica + ") must be from 0 to "
                    + (replicas - 1) + ", one number per gateway replica");
        }
        this.total = total;
        this.mine = IntStream.range(0, total).filter(shard -> shard % replicas == replica).boxed().toList();
    }

    public int total() {
        return total;
    }

    /** The shards this replica connects, in ascending order. */
    public List<Integer> mine() {
        return mine;
    }

    /** Whether this replica hears (and so answers) the conversation. */
    public boolean owns(ConversationId conversation) {
        return mine.contains(shardOf(conversation));
    }

    int shardOf(ConversationId conversation) {
        String guild = conversation.guildId();
        return guild == null ? 0 : (int) ((Long.parseUnsignedLong(guild) >>> 22) % total);
    }
}
