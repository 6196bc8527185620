package io.acore.gateway.discord;

import io.acore.events.Platform;
import io.acore.events.Reply;
import io.acore.events.ReplyKind;
import io.acore.gateway.config.GatewayConfig;
import io.acore.gateway.messaging.DeliveryPublisher;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.Message.MentionType;
import net.dv8tion.jda.api.entities.Webhook;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.requests.RestAction;
import org.jboss.logging.Logger;

/**
 * Posts final replies in their Discord channel with an exactly-once effect, and records what became of each on
 * {@code acore.delivery}. Each reply is claimed in {@link DeliveryClaims} before it is posted, piece by piece
 * (Discord's 2,000-character limit), each piece noted once Discord accepted it. A reply taken over from a
 * process that stopped mid-way first looks in the channel for the piece that process may have posted unnoted.
 * The delivery record is published before the claim is closed, so a crash between the two publishes it again
 * (same record id) rather than never. Discord errors that may pass are tried again with backoff (JDA itself waits
 * out 429s as {@code retry_after} says); a reply that cannot be posted is reported as a failed delivery with the
 * reason. While the database or the broker is down, or another replica holds the claim, the reply waits: it is
 * neither posted blindly nor given up.
 */
@ApplicationScoped
public class DiscordPoster {
    /** Only users may be pinged by what personas write; never everyone/here or roles. */
    private static final EnumSet<MentionType> PINGABLE = EnumSet.of(MentionType.USER);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(30);
    /** Waiting for the database or the broker: asked often, so posting resumes within seconds of their return. */
    private static final Duration LONGEST_OUTAGE_BACKOFF = Duration.ofSeconds(3);
    /** How far back a resumed delivery looks for a piece its predecessor may have posted. */
    private static final int HISTORY_LOOKBACK = 50;
    private static final Logger LOG = Logger.getLogger(DiscordPoster.class);

    private final DiscordConnection discord;
    private final DeliveryClaims claims;
    private final DeliveryPublisher deliveries;
    private final PersonaWebhooks webhooks;
    private final int attempts;

    public DiscordPoster(DiscordConnection discord, DeliveryClaims claims, DeliveryPublisher deliveries,
            PersonaWebhooks webhooks, GatewayConfig config) {
        this.discord = discord;
        this.webhooks = webhooks;
        this.claims = claims;
        this.deliveries = deliveries;
        this.attempts = config.discord().posting().attempts();
    }

    /**
     * Completes once the reply is on Discord (posted now or before) or reported as failed. Split under Discord's
     * limit, with everyone/here and role pings disabled: as the persona (name and avatar, through the channel's
     * webhook, or in a thread its parent's) where the bot may manage webhooks, else as the bot with the persona's
     * name in front. Notices always come from the bot itself.
     */
    public Uni<Void> deliver(Reply reply) {
        return attempt(reply)
                .onFailure(DiscordFailures::unknownWebhook).invoke(deleted -> forgetWebhookFor(reply))
                .onFailure(DiscordFailures::mayPass).retry()
                .withBackOff(FIRST_BACKOFF, LONGEST_BACKOFF).atMost(attempts - 1L)
                .onFailure(DiscordFailures.HeldElsewhere.class).retry()
                .withBackOff(FIRST_BACKOFF, LONGEST_BACKOFF).indefinitely()
                .onFailure().recoverWithUni(failure -> giveUp(reply, failure));
    }

    private Uni<Void> attempt(Reply reply) {
        return database(() -> claims.claim(reply)).chain(claim -> switch (claim.outcome()) {
            case DELIVERED, FAILED -> done();
            case HELD_ELSEWHERE -> Uni.createFrom().failure(new DiscordFailures.HeldElsewhere(reply.id()));
            case TAKEN -> post(reply, claim);
        });
    }

    private Uni<Void> post(Reply reply, DeliveryClaims.Claim claim) {
        MessageChannel channel = discord.channel(reply.channelId()).orElse(null);
        if (channel == null && !discord.enabled()) {
            return Uni.createFrom().failure(new DiscordFailures.Undeliverable("the Discord adapter is off"));
        }
        if (channel == null) {
            return Uni.createFrom().failure(discord.connected()
                    ? new DiscordFailures.Undeliverable("channel " + reply.channelId() + " is not visible to the bot")
                    : new DiscordFailures.NotConnected(discord.status()));
        }
        return sender(channel, reply).chain(sender -> {
            List<String> pieces = DiscordMessageSplitter.split(sender.text(reply));
            List<String> posted = new ArrayList<>(claim.posted());
            Uni<Void> chain = claim.resumed() && posted.size() < pieces.size()
                    ? alreadyOnDiscord(channel, pieces.get(posted.size()), claim.since(), posted)
                            .chain(found -> found.map(id -> noted(reply, posted, id)).orElse(done()))
                    : done();
            for (int i = 0; i < pieces.size(); i++) {
                int index = i;
                chain = chain.chain(() -> index < posted.size() ? done()
                        : Uni.createFrom().completionStage(() -> sender.send(pieces.get(index)).submit())
                                .chain(message -> noted(reply, posted, message.getId())));
            }
            return chain.chain(() -> broker(deliveries.delivered(reply, Platform.DISCORD, posted)))
                    .chain(() -> database(() -> claims.delivered(reply)))
                    .replaceWithVoid();
        });
    }

    private Uni<Void> noted(Reply reply, List<String> posted, String messageId) {
        return database(() -> claims.piecePosted(reply, messageId)).chain(stillOurs -> {
            if (!stillOurs) {
                return Uni.createFrom().failure(new DiscordFailures.HeldElsewhere(reply.id()));
            }
            posted.add(messageId);
            return done();
        });
    }

    /** The piece, if a message with its text from this bot or its webhook came after the first claim. */
    private static Uni<Optional<String>> alreadyOnDiscord(MessageChannel channel, String piece, Instant since,
            List<String> posted) {
        String selfId = channel.getJDA().getSelfUser().getId();
        return Uni.createFrom().completionStage(() -> channel.getHistory().retrievePast(HISTORY_LOOKBACK).submit())
                .map(recent -> recent.stream()
                        .filter(message -> message.isWebhookMessage() || message.getAuthor().getId().equals(selfId))
                        .filter(message -> !posted.contains(message.getId()))
                        .filter(message -> !message.getTimeCreated().toInstant().isBefore(since.minusSeconds(5)))
                        .filter(message -> message.getContentRaw().strip().equals(piece.strip()))
                        .map(Message::getId)
                        .reduce((newer, older) -> older));
    }

    private Uni<Sender> sender(MessageChannel channel, Reply reply) {
        Optional<PersonaWebhooks.Home> home = reply.kind() == ReplyKind.PERSONA
                ? PersonaWebhooks.homeOf(channel) : Optional.empty();
        Optional<String> name = WebhookNames.sanitised(reply.persona().name());
        if (home.isEmpty() || name.isEmpty()) {
            return Uni.createFrom().item(Sender.bot(channel, reply));
        }
        return Uni.createFrom().completionStage(() -> webhooks.forChannel(home.get().channel()))
                .map(webhook -> Sender.persona(webhook, name.get(), home.get().threadId(), reply))
                .onFailure().recoverWithItem(() -> Sender.bot(channel, reply));
    }

    /** After Discord said the webhook is gone: the next attempt finds or makes another in the same channel. */
    private void forgetWebhookFor(Reply reply) {
        webhooks.forget(discord.channel(reply.channelId()).flatMap(PersonaWebhooks::homeOf)
                .map(home -> home.channel().getId()).orElse(reply.channelId()));
    }

    private Uni<Void> giveUp(Reply reply, Throwable failure) {
        String reason = DiscordFailures.reasonOf(failure);
        LOG.warnf("Reply %s could not be posted to Discord: %s", reply.id(), reason);
        return broker(deliveries.failed(reply, Platform.DISCORD, reason))
                .chain(() -> database(() -> claims.failed(reply, reason)))
                .replaceWithVoid();
    }

    /** A database step, on a worker thread, tried again with backoff for as long as the database is down. */
    private static <T> Uni<T> database(Callable<T> step) {
        return Uni.createFrom().item(() -> {
                    try {
                        return step.call();
                    } catch (SQLException e) {
                        throw new DiscordFailures.DatabaseUnavailable(e);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure(DiscordFailures.DatabaseUnavailable.class).invoke(e -> LOG.warnf(
                        "Discord deliveries wait for the database: %s", e.getCause().getMessage()))
                .onFailure(DiscordFailures.DatabaseUnavailable.class).retry()
                .withBackOff(FIRST_BACKOFF, LONGEST_OUTAGE_BACKOFF).indefinitely();
    }

    /** Publishing a delivery record, tried again with backoff for as long as the broker is out of reach. */
    private static Uni<Void> broker(Uni<Void> publishing) {
        return publishing
                .onFailure().invoke(e -> LOG.warnf("Discord deliveries wait for the broker: %s", e.getMessage()))
                .onFailure().retry().withBackOff(FIRST_BACKOFF, LONGEST_OUTAGE_BACKOFF).indefinitely();
    }

    private static Uni<Void> done() {
        return Uni.createFrom().voidItem();
    }

    /** How one reply reaches the channel: through the persona webhook, or as the bot. */
    private record Sender(Function<String, RestAction<Message>> poster, Function<Reply, String> format) {
        static Sender persona(Webhook webhook, String name, String threadId, Reply reply) {
            return new Sender(piece -> {
                var message = webhook.sendMessage(piece).setUsername(name).setAvatarUrl(reply.persona().avatarUrl())
                        .setAllowedMentions(PINGABLE);
                return threadId == null ? message : message.setThreadId(threadId);
            }, Reply::content);
        }

        static Sender bot(MessageChannel channel, Reply reply) {
            return new Sender(piece -> channel.sendMessage(piece).setAllowedMentions(PINGABLE),
                    r -> r.kind() == ReplyKind.NOTICE ? "*" + r.content() + "*"
                            : "**" + r.persona().name() + "**: " + r.content());
        }

        String text(Reply reply) {
            return format.apply(reply);
        }

        RestAction<Message> send(String piece) {
            return poster.apply(piece);
        }
    }
}
