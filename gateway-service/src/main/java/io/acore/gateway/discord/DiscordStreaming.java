package io.acore.gateway.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.acore.events.Reply;
import io.acore.gateway.config.GatewayConfig;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import org.jboss.logging.Logger;

/**
 * Shows a persona's reply on Discord while it is written: the first text posts a message, later text edits it in
 * place, and text past Discord's 2,000 characters finishes that message and goes on in a new one (split as the final
 * reply will be). Each channel has one budget for all the personas writing there: one update per
 * {@code acore.discord.streaming-interval}, taking turns, and only the newest text of a reply is sent (what came in
 * between is skipped). An update that cannot go out within {@link #DEADLINE} (Discord's rate limit) is dropped: the
 * next one carries newer text, and the final reply does not queue behind it. The messages are claimed and noted in
 * {@link DeliveryClaims} like the pieces of a final reply, so {@link DiscordPoster} edits them into the final text,
 * also after a restart; and it waits for the update in flight, so no streamed text lands after the final.
 */
@ApplicationScoped
public class DiscordStreaming {
    static final Duration DEADLINE = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(DiscordStreaming.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final DiscordConnection discord;
    private final DeliveryClaims claims;
    private final ReplySenders senders;
    private final boolean editing;
    private final long intervalMillis;
    private final Cache<String, Stream> streams = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10))
            .build();
    /** Each channel's pacing while replies stream there; a channel quiet as long as a stream lives starts anew. */
    private final Map<String, ChannelTurns> channels = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10))
            .<String, ChannelTurns>build().asMap();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "discord-streaming");
        thread.setDaemon(true);
        return thread;
    });

    public DiscordStreaming(DiscordConnection discord, DeliveryClaims claims, ReplySenders senders,
            GatewayConfig config) {
        this.discord = discord;
        this.claims = claims;
        this.senders = senders;
        this.editing = config.discord().streaming() == GatewayConfig.StreamingMode.EDIT;
        this.intervalMillis = config.discord().streamingInterval().toMillis();
    }

    /** Takes a partial reply's text for the channel's next turn; false when it is not streamed (no text yet, or off). */
    public boolean offer(Reply partial) {
        if (!editing || partial.content().isBlank()) {
            return false;
        }
        Stream stream = streams.get(partial.id(), id -> new Stream());
        if (stream.take(partial)) {
            channels.computeIfAbsent(partial.channelId(), id -> new ChannelTurns()).waiting(partial.id());
        }
        return true;
    }

    /** Whether the reply is being streamed here. */
    public boolean streams(Reply reply) {
        return streams.getIfPresent(reply.id()) != null;
    }

    /** Ends the reply's streaming; completes once its update in flight is done, so the final text comes after it. */
    public CompletionStage<Void> finish(Reply reply) {
        Stream stream = streams.getIfPresent(reply.id());
        if (stream == null) {
            return DONE;
        }
        streams.invalidate(reply.id());
        return stream.close();
    }

    @PreDestroy
    void stop() {
        clock.shutdownNow();
    }

    /** Sends the newest text of the reply: edits its last message, and posts a new one when the text outgrew it. */
    private void update(Stream stream, Reply latest) {
        try {
            if (!stream.claimed(claims, latest)) {
                return;
            }
            MessageChannel channel = discord.channel(latest.channelId()).orElse(null);
            if (channel == null) {
                return;
            }
            ReplySender sender = senders.of(channel, latest).await().atMost(DEADLINE);
            List<String> pieces = DiscordMessageSplitter.split(sender.text(latest));
            List<String> shown = stream.messageIds;
            int last = shown.size() - 1;
            if (last >= 0 && last < pieces.size()) {
                sender.edit(shown.get(last), pieces.get(last)).deadline(deadline()).complete();
            }
            if (pieces.size() > shown.size()) {
                int piece = shown.size();
                if (!claims.aboutToPost(stream.claim, piece)) {
                    stream.giveUp();
                    return;
                }
                Message posted = sender.send(pieces.get(piece), ReplySender.nonce(latest, piece))
                        .deadline(deadline()).complete();
                shown.add(posted.getId());
                if (!claims.streamedPiecePosted(stream.claim, posted.getId())) {
                    stream.giveUp();
                }
            }
        } catch (Exception e) {
            LOG.debugf("A streaming update of reply %s was skipped: %s", latest.id(), e.toString());
        }
    }

    private static long deadline() {
        return System.currentTimeMillis() + DEADLINE.toMillis();
    }

    /** One reply being written: its newest text, the messages showing it, and the update in flight. */
    private static final class Stream {
        private final List<String> messageIds = new ArrayList<>();
        private Reply latest;
        private boolean changed;
        private boolean closed;
        private Boolean claimed;
        /** The claim taken for streaming; its updates are fenced by its epoch, so a final delivery taking it stops them. */
        private DeliveryClaims.Claim claim;
        private CompletableFuture<Void> inFlight = DONE;

        /** Keeps the partial if it is newer than what is held; true when there is something new to show. */
        synchronized boolean take(Reply partial) {
            if (closed || (latest != null && partial.sequence() <= latest.sequence())) {
                return false;
            }
            latest = partial;
            changed = true;
            return true;
        }

        /** The text to show now, with the update it starts; null when there is none. */
        synchronized Reply start(CompletableFuture<Void> update) {
            if (closed || !changed) {
                return null;
            }
            changed = false;
            inFlight = update;
            return latest;
        }

        synchronized CompletableFuture<Void> close() {
            closed = true;
            return inFlight;
        }

        synchronized void giveUp() {
            closed = true;
        }

        /**
         * Claims the reply once: streaming goes on only where no one posted it or posts it, or where it was streamed
         * before (a restart mid-way: the messages shown are taken over).
         */
        boolean claimed(DeliveryClaims claims, Reply reply) throws java.sql.SQLException {
            if (claimed == null) {
                DeliveryClaims.Claim taken = claims.claim(reply);
                claimed = taken.outcome() == DeliveryClaims.Outcome.TAKEN
                        && (taken.posted().isEmpty() || taken.streamed());
                if (claimed) {
                    claim = taken;
                    messageIds.addAll(taken.posted());
                } else {
                    giveUp();
                }
            }
            return claimed;
        }
    }

    /**
     * A channel's turns: one update at a time, the next an interval after the last one ended, replies served in the
     * order they changed.
     */
    private final class ChannelTurns {
        private final Deque<String> waiting = new ArrayDeque<>();
        private long nextAt;
        private boolean busy;
        private boolean scheduled;


        synchronized void waiting(String replyId) {
            if (!waiting.contains(replyId)) {
                waiting.add(replyId);
            }
            schedule();
        }

        private synchronized void schedule() {
            if (busy || scheduled || waiting.isEmpty()) {
                return;
            }
            scheduled = true;
            clock.schedule(this::turn, Math.max(0, nextAt - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        }

        private void turn() {
            Stream stream;
            Reply latest;
            CompletableFuture<Void> update = new CompletableFuture<>();
            synchronized (this) {
                scheduled = false;
                String replyId = waiting.poll();
                stream = replyId == null ? null : streams.getIfPresent(replyId);
                latest = stream == null ? null : stream.start(update);
                if (latest == null) {
                    schedule();
                    return;
                }
                busy = true;
            }
            Infrastructure.getDefaultWorkerPool().execute(() -> {
                try {
                    update(stream, latest);
                } finally {
                    update.complete(null);
                    synchronized (this) {
                        busy = false;
                        // counted from the end of the update, so two never reach Discord less than an interval apart
                        nextAt = System.currentTimeMillis() + intervalMillis;
                        schedule();
                    }
                }
            });
        }
    }
}
