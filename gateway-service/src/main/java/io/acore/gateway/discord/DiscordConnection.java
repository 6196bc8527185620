package io.acore.gateway.discord;

import io.acore.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.cache.CacheFlag;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.jboss.logging.Logger;

/**
 * The gateway's Discord sessions (JDA), one per shard this replica runs ({@link DiscordShards}): started with the
 * service when {@code ACORE_DISCORD_TOKEN} is set, off otherwise. It never stops the service from starting;
 * readiness shows its state.
 */
@ApplicationScoped
public class DiscordConnection {
    private static final Logger LOG = Logger.getLogger(DiscordConnection.class);

    private final GatewayConfig.Discord config;
    private final DiscordShards shards;
    private final DiscordMessageListener messages;
    private final SlashCommands commands;
    private final DiscordCatchUp catchUp;
    private volatile ShardManager sessions;
    private volatile String startFailure;

    public DiscordConnection(GatewayConfig config, DiscordShards shards, DiscordMessageListener messages,
            SlashCommands commands, DiscordCatchUp catchUp) {
        this.config = config.discord();
        this.shards = shards;
        this.messages = messages;
        this.commands = commands;
        this.catchUp = catchUp;
    }

    void start(@Observes StartupEvent startup) {
        String token = config.token().filter(t -> !t.isBlank()).orElse(null);
        if (token == null) {
            LOG.info("Discord adapter is off: ACORE_DISCORD_TOKEN is not set. The local web chat works without it.");
            return;
        }
        try {
            DefaultShardManagerBuilder builder = DefaultShardManagerBuilder.createLight(token, EnumSet.of(
                            GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT, GatewayIntent.DIRECT_MESSAGES))
                    .enableCache(CacheFlag.ROLE_TAGS) // tells the role Discord gave the bot, which members may @mention
                    .setShardsTotal(shards.total())
                    .setShards(shards.mine())
                    .addEventListeners(messages, commands, catchUp);
            config.restUrl().ifPresent(url -> builder.setRestConfig(new RestConfig().setBaseUrl(url)));
            config.gatewayUrl().ifPresent(url -> builder.setSessionController(new FixedGateway(url)));
            sessions = builder.build();
            LOG.infof("Discord: running shards %s of %d", shards.mine(), shards.total());
        } catch (RuntimeException e) {
            startFailure = e.getMessage();
            LOG.errorf("Discord adapter could not start: %s", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (sessions != null) {
            sessions.shutdown();
        }
    }

    public boolean enabled() {
        return config.token().filter(t -> !t.isBlank()).isPresent();
    }

    /** Where the connection stands: "disabled", each shard's state, or why it could not start. */
    public String status() {
        if (!enabled()) {
            return "disabled (ACORE_DISCORD_TOKEN not set)";
        }
        if (sessions == null) {
            return "failed: " + startFailure;
        }
        return sessions.getShardCache().stream()
                .map(shard -> "shard " + shard.getShardInfo().getShardId() + ": " + shard.getStatus())
                .collect(Collectors.joining(", "));
    }

    /** Every shard of this replica is connected. */
    public boolean connected() {
        ShardManager current = sessions;
        return current != null && current.getShardCache().size() == shards.mine().size()
                && current.getShardCache().stream().allMatch(shard -> shard.getStatus() == JDA.Status.CONNECTED);
    }

    /** The channel, unless the adapter is off or none of this replica's shards sees it. */
    Optional<MessageChannel> channel(String channelId) {
        ShardManager current = sessions;
        return current == null ? Optional.empty() : current.getShardCache().stream()
                .map(shard -> shard.getChannelById(MessageChannel.class, channelId))
                .filter(Objects::nonNull).findFirst();
    }

    /** Points every shard at another gateway URL than Discord's (a proxy, or a local fake in tests). */
    private static final class FixedGateway extends SessionControllerAdapter {
        private final String url;

        FixedGateway(String url) {
            this.url = url;
        }

        @Override
        public String getGateway() {
            return url;
        }
    }
}
