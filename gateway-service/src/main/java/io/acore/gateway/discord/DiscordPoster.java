package io.acore.gateway.discord;

import io.acore.events.Platform;
import io.acore.events.Reply;
import io.acore.events.ReplyKind;
import io.acore.gateway.config.GatewayConfig;
import io.acore.gateway.discord.shards.DiscordShards;
import io.acore.gateway.messaging.DeliveryPublisher;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.utils.TimeUtil;
import org.jboss.logging.Logger;

/**
 * Posts final replies in their Discord channel with an exactly-once effect, and records what became of each on
 * {@code acore.delivery}. Each reply is claimed in {@link DeliveryClaims} before it is posted, piece by piece
 * (Discord's 2,000-character limit), the intent noted before each piece and the piece once Discord accepted it. A
 * reply taken over from a process that stopped between the two sends the bot's piece again under the same nonce,
 * which Discord answers with the message it has; a webhook's piece (webhooks take no nonce) is looked for among
 * that webhook's messages since the intent. A
 * reply streamed while it was written ({@link DiscordStreaming}) already has messages: they are edited into the final
 * text, and only what does not fit them is posted.
 * The delivery record is published before the claim is closed, so a crash between the two publishes it again
 * (same record id) rather than never. Discord errors that may pass are tried again with backoff (JDA itself waits
 * out 429s as {@code retry_after} says); a reply that cannot be posted is reported as a failed delivery with the
 * reason. While the database or the broker is down, Discord's session is not connected, or another replica holds
 * the claim, the reply waits: it is neither posted blindly nor given up. A reply whose shard another gateway
 * process has taken over is left to that process.
 */
@ApplicationScoped
public class DiscordPoster {
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(30);
    /** Waiting for the database or the broker: asked often, so posting resumes within seconds of their return. */
    private static final Duration LONGEST_OUTAGE_BACKOFF = Duration.ofSeconds(3);
    /** How many messages after its predecessor's intent a resumed delivery reads, looking for the piece. */
    private static final int HISTORY_LOOKAHEAD = 100;
    /** How far the database's clock and Discord's may disagree: the search for an unnoted piece starts this early. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    /** How long after a bot post Discord is trusted to answer its nonce with it ("the past few minutes"). */
    private static final Duration NONCE_TRUSTED = Duration.ofMinutes(2);
    private static final Logger LOG = Logger.getLogger(DiscordPoster.class);

    private final DiscordConnection discord;
    private final DiscordShards shards;
    private final DeliveryClaims claims;
    private final DeliveryPublisher deliveries;
    private final ReplySenders senders;
    private final DiscordStreaming streaming;
    private final int attempts;

    public DiscordPoster(DiscordConnection discord, DiscordShards shards, DeliveryClaims claims, DeliveryPublisher deliveries,
            ReplySenders senders, DiscordStreaming streaming, GatewayConfig config) {
        this.discord = discord;
        this.shards = shards;
        this.senders = senders;
        this.streaming = streaming;
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
        AtomicReference<DeliveryClaims.Claim> held = new AtomicReference<>();
        return Uni.createFrom().completionStage(() -> streaming.finish(reply)).chain(() -> attempt(reply, held))
                .onFailure(DiscordFailures::unknownWebhook).invoke(deleted -> forgetWebhookFor(reply))
                .onFailure(DiscordFailures::mayPass).retry()
                .withBackOff(FIRST_BACKOFF, LONGEST_BACKOFF).atMost(attempts - 1L)
                .onFailure(DiscordFailures.HeldElsewhere.class).retry()
                .withBackOff(FIRST_BACKOFF, LONGEST_BACKOFF).indefinitely()
                .onFailure(DiscordFailures.NotConnected.class).invoke(e -> LOG.debugf("Reply %s waits: %s",
                        reply.id(), e.getMessage()))
                .onFailure(DiscordFailures.NotConnected.class).retry()
                .withBackOff(FIRST_BACKOFF, LONGEST_OUTAGE_BACKOFF).indefinitely()
                .onFailure(DiscordFailures.Released.class).recoverWithUni(DiscordPoster::done)
                .onFailure().recoverWithUni(failure -> giveUp(reply, held.get(), failure));
    }

    /** One try: claims the reply ({@code held} then names the claim this delivery took last) and posts it. */
    private Uni<Void> attempt(Reply reply, AtomicReference<DeliveryClaims.Claim> held) {
        if (discord.enabled() && !shards.owns(reply.conversationId())) {
            return Uni.createFrom().failure(new DiscordFailures.Released(reply.id()));
        }
        if (discord.enabled() && !discord.connected(shards.shardOf(reply.conversationId()))) {
            return Uni.createFrom().failure(new DiscordFailures.NotConnected(discord.status()));
        }
        return database(() -> claims.claim(reply)).chain(claim -> switch (claim.outcome()) {
            case DELIVERED, FAILED -> done();
            case HELD_ELSEWHERE -> Uni.createFrom().failure(new DiscordFailures.HeldElsewhere(reply.id()));
            case TAKEN -> {
                held.set(claim);
                yield post(reply, claim);
            }
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
        return senders.of(channel, reply).chain(sender -> {
            List<String> pieces = DiscordMessageSplitter.split(sender.text(reply));
            List<String> posted = new ArrayList<>(claim.posted());
            Uni<Void> chain;
            if (claim.streamed() && reply.kind() != ReplyKind.PERSONA) {
                chain = withdrawStreamed(channel, reply, claim, posted);
            } else if (claim.streamed()) {
                chain = streamedIntoFinal(claim, sender, pieces, posted);
            } else if (claim.nextMayBePosted() && posted.size() < pieces.size()
                    && !(sender.sendsOnce() && nonceStands(claim.intent().orElseThrow()))) {
                String next = pieces.get(posted.size());
                chain = alreadyOnDiscord(channel, sender, next, claim.intent().orElseThrow().at(), posted,
                        reply.kind() == ReplyKind.PERSONA)
                        .chain(found -> found.map(earlier -> shown(sender, earlier, next)
                                .chain(() -> noted(claim, posted, earlier.getId())))
                                .orElse(done()));
            } else {
                chain = done();
            }
            for (int i = 0; i < pieces.size(); i++) {
                int index = i;
                chain = chain.chain(() -> index < posted.size() ? done() : stillOurs(claim, index)
                        .chain(() -> Uni.createFrom().completionStage(() -> sender.send(pieces.get(index),
                                ReplySender.nonce(reply, index)).submit()))
                        .chain(message -> shown(sender, message, pieces.get(index))
                                .chain(() -> noted(claim, posted, message.getId()))));
            }
            return chain.chain(() -> broker(deliveries.delivered(reply, Platform.DISCORD, posted)))
                    .chain(() -> database(() -> claims.delivered(claim)))
                    .replaceWithVoid();
        });
    }

    /**
     * The messages streaming posted, edited to show the final text (one piece each; any beyond the final's pieces
     * deleted). Messages Discord no longer has, or that a deleted webhook can no longer edit, are given up: the
     * final text is then posted anew.
     */
    private Uni<Void> streamedIntoFinal(DeliveryClaims.Claim claim, ReplySender sender, List<String> pieces,
            List<String> posted) {
        Uni<Void> chain = done();
        for (int i = 0; i < posted.size(); i++) {
            String messageId = posted.get(i);
            Uni<Void> change = i < pieces.size()
                    ? Uni.createFrom().completionStage(sender.edit(messageId, pieces.get(i))::submit).replaceWithVoid()
                    : Uni.createFrom().completionStage(sender.delete(messageId)::submit).replaceWithVoid();
            chain = chain.chain(() -> change);
        }
        int kept = Math.min(posted.size(), pieces.size());
        return chain.chain(() -> kept < posted.size() ? keepFirst(claim, posted, kept) : done())
                .onFailure(DiscordFailures::unreachableMessage).recoverWithUni(() -> keepFirst(claim, posted, 0));
    }

    /**
     * Ends a reply that streamed and then came to nothing (cancelled): its streamed messages are deleted, and its
     * claim closed — also when it was streamed by a process that stopped since. Nothing to do for a reply that was
     * not streamed.
     */
    public Uni<Void> withdraw(Reply reply) {
        Uni<Boolean> streamed = streaming.streams(reply) ? Uni.createFrom().item(true)
                : database(() -> claims.streamedUnfinished(reply));
        return streamed.chain(any -> !any ? done() : Uni.createFrom().completionStage(() -> streaming.finish(reply))
                .chain(() -> database(() -> claims.claim(reply)))
                .chain(claim -> {
                    MessageChannel channel = discord.channel(reply.channelId()).orElse(null);
                    if (claim.outcome() != DeliveryClaims.Outcome.TAKEN || !claim.streamed() || channel == null) {
                        return done();
                    }
                    return withdrawStreamed(channel, reply, claim, new ArrayList<>(claim.posted()))
                            .chain(() -> database(() -> claims.failed(claim, "cancelled: nothing to show")))
                            .replaceWithVoid();
                })
                .onFailure().invoke(e -> LOG.warnf("Streamed messages of cancelled reply %s may remain: %s",
                        reply.id(), DiscordFailures.reasonOf(e)))
                .onFailure().recoverWithUni(DiscordPoster::done));
    }

    /**
     * Deletes what streaming showed of a reply that ends as something else (a notice, or nothing): the persona's
     * messages, deleted through the persona's webhook, before the bot says what it has to say.
     */
    private Uni<Void> withdrawStreamed(MessageChannel channel, Reply reply, DeliveryClaims.Claim claim,
            List<String> posted) {
        return senders.asPersona(channel, reply).chain(sender -> {
            Uni<Void> chain = done();
            for (String messageId : List.copyOf(posted)) {
                chain = chain.chain(() -> Uni.createFrom().completionStage(sender.delete(messageId)::submit)
                        .replaceWithVoid().onFailure(DiscordFailures::unreachableMessage).recoverWithUni(done()));
            }
            return chain.chain(() -> keepFirst(claim, posted, 0));
        });
    }

    private Uni<Void> keepFirst(DeliveryClaims.Claim claim, List<String> posted, int count) {
        return database(() -> claims.keepFirst(claim, count)).chain(stillOurs -> {
            if (!stillOurs) {
                return Uni.createFrom().failure(new DiscordFailures.HeldElsewhere(claim.replyId()));
            }
            posted.subList(count, posted.size()).clear();
            return done();
        });
    }

    /** Extends the claim and notes the intent before a post, so a process that lost it never posts. */
    private Uni<Void> stillOurs(DeliveryClaims.Claim claim, int piece) {
        return database(() -> claims.aboutToPost(claim, piece)).chain(ours -> ours ? done()
                : Uni.createFrom().failure(new DiscordFailures.HeldElsewhere(claim.replyId())));
    }

    /**
     * Makes {@code message} show {@code piece}: a message posted before with the beginning of it (a streamed one,
     * which Discord may answer a nonce with) is edited into it.
     */
    private static Uni<Void> shown(ReplySender sender, Message message, String piece) {
        return message.getContentRaw().strip().equals(piece.strip()) ? done()
                : Uni.createFrom().completionStage(sender.edit(message.getId(), piece)::submit).replaceWithVoid();
    }

    /** Whether Discord still holds the nonce of a post intended then, so sending the piece again cannot double it. */
    private static boolean nonceStands(DeliveryClaims.Intent intent) {
        return intent.at().isAfter(Instant.now().minus(NONCE_TRUSTED));
    }

    private Uni<Void> noted(DeliveryClaims.Claim claim, List<String> posted, String messageId) {
        return database(() -> claims.piecePosted(claim, messageId)).chain(stillOurs -> {
            if (!stillOurs) {
                return Uni.createFrom().failure(new DiscordFailures.HeldElsewhere(claim.replyId()));
            }
            posted.add(messageId);
            return done();
        });
    }

    /**
     * The piece its previous holder was about to post when it stopped: a message posted the way {@code sender}
     * posts (this persona's webhook, or the bot) since that intent, not noted, with the piece's text; with
     * {@code streamedPrefix}, else the first such message showing the beginning of it (what streaming had posted of
     * the reply), to be edited into the piece rather than left behind. Only where Discord's nonce cannot tell:
     * webhook posts, and bot posts intended longer ago than Discord keeps a nonce.
     */
    private static Uni<Optional<Message>> alreadyOnDiscord(MessageChannel channel, ReplySender sender, String piece,
            Instant intended, List<String> posted, boolean streamedPrefix) {
        String wanted = piece.strip();
        String since = Long.toUnsignedString(TimeUtil.getDiscordTimestamp(
                intended.minus(CLOCK_SKEW).toEpochMilli()));
        return Uni.createFrom().completionStage(() -> channel.getHistoryAfter(since, HISTORY_LOOKAHEAD).submit())
                .map(after -> {
                    List<Message> ours = after.getRetrievedHistory().stream()
                            .filter(sender::posted)
                            .filter(message -> !posted.contains(message.getId()))
                            .sorted(Comparator.comparingLong(Message::getIdLong))
                            .toList();
                    Optional<Message> same = ours.stream()
                            .filter(message -> message.getContentRaw().strip().equals(wanted)).findFirst();
                    if (same.isPresent() || !streamedPrefix) {
                        return same;
                    }
                    return ours.stream().filter(message -> !message.getContentRaw().isBlank()
                            && wanted.startsWith(message.getContentRaw().strip())).findFirst();
                });
    }

    /** After Discord said the webhook is gone: the next attempt finds or makes another in the same channel. */
    private void forgetWebhookFor(Reply reply) {
        discord.channel(reply.channelId()).ifPresent(senders::forgetWebhookOf);
    }

    /** Reports the reply as failed, and closes the claim this delivery took last, if it took one and still holds it. */
    private Uni<Void> giveUp(Reply reply, DeliveryClaims.Claim claim, Throwable failure) {
        String reason = DiscordFailures.reasonOf(failure);
        LOG.warnf("Reply %s could not be posted to Discord: %s", reply.id(), reason);
        return broker(deliveries.failed(reply, Platform.DISCORD, reason))
                .chain(() -> claim == null ? done() : database(() -> claims.failed(claim, reason)).replaceWithVoid())
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

    static Uni<Void> done() {
        return Uni.createFrom().voidItem();
    }
}
