package io.acore.gateway.discord;

import io.acore.gateway.config.GatewayConfig;
import io.acore.gateway.discord.shards.DiscordShards;
import io.acore.gateway.discord.shards.ShardOwnership;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import io.acore.events.ConversationId;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.cache.CacheFlag;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.SessionController;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.jboss.logging.Logger;

/**
 * The gateway's Discord sessions (JDA), one per shard this process holds ({@link DiscordShards}): started and
 * stopped as {@link ShardOwnership} takes and gives up shards, when {@code ACORE_DISCORD_TOKEN} is set; off
 * otherwise. It never stops the service from starting; readiness shows its state.
 */
@ApplicationScoped
public class DiscordConnection {
    private static final Logger LOG = Logger.getLogger(DiscordConnection.class);
    /** The least JDA allows. */
    private static final int MAX_RECONNECT_DELAY_SECONDS = 32;

    private final GatewayConfig.Discord config;
    private final DiscordShards shards;
    private final DiscordMessageListener messages;
    private final SlashCommands commands;
    private final DiscordCatchUp catchUp;
    private final Map<Integer, JDA> sessions = new ConcurrentHashMap<>();
    private final SessionController identifyQueue;
    private volatile boolean closed;
    private volatile String startFailure;

    public DiscordConnection(GatewayConfig config, DiscordShards shards, DiscordMessageListener messages,
            SlashCommands commands, DiscordCatchUp catchUp) {
        this.config = config.discord();
        this.shards = shards;
        this.messages = messages;
        this.commands = commands;
        this.catchUp = catchUp;
        this.identifyQueue = this.config.gatewayUrl().<SessionController>map(FixedGateway::new)
                .orElseGet(SessionControllerAdapter::new);
    }

    void start(@Observes StartupEvent startup) {
        if (!enabled()) {
            LOG.info("Discord adapter is off: ACORE_DISCORD_TOKEN is not set. The local web chat works without it.");
        }
    }

    /**
     * Connects the shard's session. Sessions share one identify queue, which spaces their logins as Discord
     * asks; each shard is a JDA instance of its own, so one can be closed without touching the others.
     */
    public synchronized void run(int shard) {
        if (closed || sessions.containsKey(shard)) {
            return;
        }
        try {
            JDABuilder builder = JDABuilder.createLight(config.token().orElseThrow(), EnumSet.of(
                            GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT, GatewayIntent.DIRECT_MESSAGES))
                    .enableCache(CacheFlag.ROLE_TAGS) // tells the role Discord gave the bot, which members may @mention
                    .useSharding(shard, shards.total())
                    .setSessionController(identifyQueue)
                    // back within half a minute of Discord's return, not JDA's default of up to 15 minutes
                    .setMaxReconnectDelay(MAX_RECONNECT_DELAY_SECONDS)
                    .addEventListeners(messages, commands, catchUp);
            config.restUrl().ifPresent(url -> builder.setRestConfig(new RestConfig().setBaseUrl(url)));
            sessions.put(shard, builder.build());
            startFailure = null;
            LOG.infof("Discord: shard %d of %d started", shard, shards.total());
        } catch (RuntimeException e) {
            startFailure = e.getMessage();
            LOG.errorf("Discord shard %d could not start: %s", shard, e.getMessage());
            throw e;
        }
    }

    /** Closes the shard's session (another process runs it from now on). */
    public synchronized void stop(int shard) {
        JDA session = sessions.remove(shard);
        if (session != null) {
            session.shutdown();
            LOG.infof("Discord: shard %d stopped", shard);
        }
    }

    synchronized void stop(@Observes ShutdownEvent shutdown) {
        closed = true;
        List.copyOf(sessions.keySet()).forEach(this::stop);
    }

    public boolean enabled() {
        return config.token().filter(t -> !t.isBlank()).isPresent();
    }

    /** Where the connection stands: "disabled", each shard's state, or why it could not start. */
    public String status() {
        if (!enabled()) {
            return "disabled (ACORE_DISCORD_TOKEN not set)";
        }
        if (startFailure != null) {
            return "failed: " + startFailure;
        }
        if (sessions.isEmpty()) {
            return "no shard held: other gateway replicas run them all, or the shard leases are not taken yet";
        }
        return new TreeMap<>(sessions).entrySet().stream()
                .map(session -> "shard " + session.getKey() + ": " + session.getValue().getStatus())
                .collect(Collectors.joining(", "));
    }

    /** Every shard this process holds is connected. */
    public boolean connected() {
        return shards.held().stream().allMatch(this::connected);
    }

    /** Whether the shard has a session, connected or not. */
    public boolean running(int shard) {
        return sessions.containsKey(shard);
    }

    /** Whether the shard's session is up (not still connecting, reconnecting or queued to). */
    public boolean connected(int shard) {
        JDA session = sessions.get(shard);
        return session != null && session.getStatus() == JDA.Status.CONNECTED;
    }

    /**
     * Shows a slash command's answer in place of its "thinking…", through the session of the shard that hears the
     * conversation; empty when this process does not run that shard.
     */
    public Optional<CompletableFuture<Message>> answerInteraction(ConversationId conversation, String token,
            String text) {
        return Optional.ofNullable(sessions.get(shards.shardOf(conversation)))
                .map(session -> InteractionHook.from(session, token).editOriginal(text.length() <= Message.MAX_CONTENT_LENGTH
                        ? text : text.substring(0, Message.MAX_CONTENT_LENGTH - 1) + "…").submit());
    }

    /** The channel, unless the adapter is off or none of this replica's shards sees it. */
    Optional<MessageChannel> channel(String channelId) {
        return sessions.values().stream()
                .map(session -> session.getChannelById(MessageChannel.class, channelId))
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
