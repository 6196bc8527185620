package io.acore.gateway.discord;

import io.acore.events.Reply;
import io.acore.gateway.client.MemoryClient;
import io.acore.gateway.client.PersonaClient;
import io.acore.gateway.config.GatewayConfig;
import io.acore.gateway.messaging.DeliveryPublisher;
import io.acore.gateway.service.ChatIntake;
import io.acore.gateway.service.MessageSplitter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.Message.MentionType;
import net.dv8tion.jda.api.entities.Webhook;
import net.dv8tion.jda.api.entities.channel.attribute.IWebhookContainer;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestAction;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The Discord side of the gateway (JDA). Off unless {@code ACORE_DISCORD_TOKEN} is set; it never stops the
 * service from starting, and readiness shows its state.
 */
@ApplicationScoped
public class DiscordBridge {
    public static final String PREFIX = "discord:";
    static final String TARGET = "discord";
    static final int DISCORD_LIMIT = 2000;
    private static final long TYPING_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(8);
    /** Only users may be pinged by what personas write; never everyone/here or roles. */
    private static final EnumSet<MentionType> PINGABLE = EnumSet.of(MentionType.USER);
    private static final Logger LOG = Logger.getLogger(DiscordBridge.class);

    private final GatewayConfig config;
    private final ChatIntake intake;
    private final DeliveryPublisher deliveries;
    private final PersonaWebhooks webhooks = new PersonaWebhooks();
    private final DeliveredReplies delivered = new DeliveredReplies();
    private final Map<String, Long> typingSince = new ConcurrentHashMap<>();
    private volatile JDA jda;
    private volatile String startFailure;

    private final MemoryClient memory;
    private final PersonaClient personas;

    public DiscordBridge(GatewayConfig config, ChatIntake intake, DeliveryPublisher deliveries,
            @RestClient MemoryClient memory, @RestClient PersonaClient personas) {
        this.config = config;
        this.intake = intake;
        this.deliveries = deliveries;
        this.memory = memory;
        this.personas = personas;
    }

    void start(@Observes StartupEvent startup) {
        String token = config.discord().token().filter(t -> !t.isBlank()).orElse(null);
        if (token == null) {
            LOG.info("Discord adapter is off: ACORE_DISCORD_TOKEN is not set. The local web chat works without it.");
            return;
        }
        try {
            JDABuilder builder = JDABuilder.createLight(token, EnumSet.of(GatewayIntent.GUILD_MESSAGES,
                            GatewayIntent.MESSAGE_CONTENT, GatewayIntent.DIRECT_MESSAGES))
                    .addEventListeners(new DiscordMessageListener(intake), new SlashCommands(memory, personas));
            config.discord().restUrl().ifPresent(url -> builder.setRestConfig(new RestConfig().setBaseUrl(url)));
            config.discord().gatewayUrl().ifPresent(url -> builder.setSessionController(new SessionControllerAdapter() {
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

    public boolean enabled() {
        return config.discord().token().filter(t -> !t.isBlank()).isPresent();
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

    /**
     * Posts a final reply in its channel, split under Discord's limit, with everyone/here and role pings disabled:
     * as the persona (name and avatar, through the channel's webhook) where the bot may manage webhooks, else as
     * the bot with the persona's name in front. Notices always come from the bot itself. A reply already posted
     * is not posted again.
     */
    public void deliver(Reply reply) {
        MessageChannel channel = channel(reply.channelId());
        if (channel == null) {
            deliveries.failed(reply, TARGET, jda == null ? "the Discord adapter is off"
                    : "channel " + reply.channelId() + " is not visible to the bot");
            return;
        }
        if (!delivered.claim(reply)) {
            return;
        }
        boolean asPersona = Reply.KIND_PERSONA.equals(reply.kind()) && channel instanceof IWebhookContainer
                && WebhookNames.isAllowed(reply.persona().name());
        CompletableFuture<List<Message>> sent = asPersona
                ? webhooks.forChannel((IWebhookContainer) channel).handle((webhook, unavailable) -> webhook)
                        .thenCompose(webhook -> webhook == null ? asBot(channel, reply) : asPersona(webhook, reply))
                : asBot(channel, reply);
        sent.whenComplete((messages, error) -> {
            if (error == null) {
                deliveries.delivered(reply, TARGET, messages.stream().map(Message::getId).toList());
            } else {
                delivered.release(reply);
                deliveries.failed(reply, TARGET, error.getMessage());
            }
        });
    }

    /**
     * Shows "typing" in the reply's channel while the persona works. Discord shows it for 10 s, so one request
     * every {@link #TYPING_REFRESH_NANOS} keeps it up for a long reply without spending the rate limit.
     */
    public void showTyping(Reply partial) {
        MessageChannel channel = channel(partial.channelId());
        if (channel == null) {
            return;
        }
        long now = System.nanoTime();
        Long last = typingSince.get(partial.channelId());
        if (last != null && now - last < TYPING_REFRESH_NANOS) {
            return;
        }
        typingSince.put(partial.channelId(), now);
        channel.sendTyping().queue(ok -> { }, error -> LOG.debugf("typing in %s failed: %s", partial.channelId(), error));
    }

    /** The channel, or null when the adapter is off or the bot cannot see it. */
    private MessageChannel channel(String channelId) {
        JDA client = jda;
        return client == null ? null : client.getChannelById(MessageChannel.class, channelId);
    }

    private static CompletableFuture<List<Message>> asPersona(Webhook webhook, Reply reply) {
        return RestAction.allOf(MessageSplitter.split(reply.content(), DISCORD_LIMIT).stream()
                .map(piece -> webhook.sendMessage(piece)
                        .setUsername(reply.persona().name())
                        .setAvatarUrl(reply.persona().avatarUrl())
                        .setAllowedMentions(PINGABLE))
                .toList()).submit();
    }

    private static CompletableFuture<List<Message>> asBot(MessageChannel channel, Reply reply) {
        String text = Reply.KIND_NOTICE.equals(reply.kind()) ? "*" + reply.content() + "*"
                : "**" + reply.persona().name() + "**: " + reply.content();
        return RestAction.allOf(MessageSplitter.split(text, DISCORD_LIMIT).stream()
                .map(piece -> channel.sendMessage(piece).setAllowedMentions(PINGABLE))
                .toList()).submit();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (jda != null) {
            jda.shutdown();
        }
    }
}
