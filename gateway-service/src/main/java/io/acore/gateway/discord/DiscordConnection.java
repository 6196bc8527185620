package io.acore.gateway.discord;

import io.acore.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.EnumSet;
import java.util.Optional;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.jboss.logging.Logger;

/**
 * The gateway's Discord session (JDA): started with the service when {@code ACORE_DISCORD_TOKEN} is set, off
 * otherwise. It never stops the service from starting; readiness shows its state.
 */
@ApplicationScoped
public class DiscordConnection {
    private static final Logger LOG = Logger.getLogger(DiscordConnection.class);

    private final GatewayConfig.Discord config;
    private final DiscordMessageListener messages;
    private final SlashCommands commands;
    private volatile JDA jda;
    private volatile String startFailure;

    public DiscordConnection(GatewayConfig config, DiscordMessageListener messages, SlashCommands commands) {
        this.config = config.discord();
        this.messages = messages;
        this.commands = commands;
    }

    void start(@Observes StartupEvent startup) {
        String token = config.token().filter(t -> !t.isBlank()).orElse(null);
        if (token == null) {
            LOG.info("Discord adapter is off: ACORE_DISCORD_TOKEN is not set. The local web chat works without it.");
            return;
        }
        try {
            JDABuilder builder = JDABuilder.createLight(token, EnumSet.of(GatewayIntent.GUILD_MESSAGES,
                            GatewayIntent.MESSAGE_CONTENT, GatewayIntent.DIRECT_MESSAGES))
                    .addEventListeners(messages, commands);
            config.restUrl().ifPresent(url -> builder.setRestConfig(new RestConfig().setBaseUrl(url)));
            config.gatewayUrl().ifPresent(url -> builder.setSessionController(new SessionControllerAdapter() {
                @Override
                public String getGateway() {
                    return url;
                }
            }));
            jda = builder.build();
        } catch (RuntimeException e) {
            startFailure = e.getMessage();
            LOG.errorf("Discord adapter could not start: %s", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (jda != null) {
            jda.shutdown();
        }
    }

    public boolean enabled() {
        return config.token().filter(t -> !t.isBlank()).isPresent();
    }

    /** Where the connection stands: "disabled", JDA's status, or why it could not start. */
    public String status() {
        if (!enabled()) {
            return "disabled (ACORE_DISCORD_TOKEN not set)";
        }
        if (jda == null) {
            return "failed: " + startFailure;
        }
        return jda.getStatus().name();
    }

    public boolean connected() {
        return jda != null && jda.getStatus() == JDA.Status.CONNECTED;
    }

    /** The channel, unless the adapter is off or the bot cannot see it. */
    Optional<MessageChannel> channel(String channelId) {
        JDA client = jda;
        return client == null ? Optional.empty()
                : Optional.ofNullable(client.getChannelById(MessageChannel.class, channelId));
    }
}
