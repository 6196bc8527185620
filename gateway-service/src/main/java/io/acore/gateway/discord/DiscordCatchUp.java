package io.acore.gateway.discord;

import io.acore.gateway.config.GatewayConfig;
import io.acore.gateway.discord.shards.DiscordShards;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.events.guild.GuildReadyEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.SessionRecreateEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.utils.TimeUtil;
import org.jboss.logging.Logger;

/**
 * Takes in what members wrote while nobody listened: when a shard's session starts (or starts anew, losing the
 * events in between), each channel with messages after the newest one taken in ({@link ChannelCursors}) is asked
 * for them, page by page: every channel of a server members can write in (text, announcement, voice and stage
 * channels, threads: Discord tells their newest message with the channel) and, on shard 0,
 * the direct-message channels members wrote in lately. Messages are answered if they were written at most
 * {@code acore.discord.catch-up-window} before the shard went dark ({@link DiscordShards#darkSince}: its previous
 * owner's last heartbeat), so a shard dark for ten minutes has all ten answered, while a question from hours
 * before the gap is not. Messages taken in before are not taken again.
 */
@Singleton
class DiscordCatchUp extends ListenerAdapter {
    /** Discord's largest page of channel history. */
    private static final int PAGE = 100;
    /** Channels with more unseen messages than this many pages keep only the oldest for the catch-up. */
    private static final int MOST_PAGES = 20;
    /** Direct-message channels that had no message taken in for longer are not looked at. */
    private static final Duration DIRECT_LOOKBACK = Duration.ofDays(30);
    private static final Logger LOG = Logger.getLogger(DiscordCatchUp.class);

    private final ChannelCursors cursors;
    private final DiscordMessageListener listener;
    private final DiscordShards shards;
    private final Duration window;

    DiscordCatchUp(ChannelCursors cursors, DiscordMessageListener listener, DiscordShards shards,
            GatewayConfig config) {
        this.cursors = cursors;
        this.listener = listener;
        this.shards = shards;
        this.window = config.discord().catchUpWindow();
    }

    @Override
    public void onGuildReady(GuildReadyEvent event) {
        catchUp(event.getGuild());
    }

    @Override
    public void onReady(ReadyEvent event) {
        catchUpDirect(event.getJDA());
    }

    @Override
    public void onSessionRecreate(SessionRecreateEvent event) {
        event.getJDA().getGuilds().forEach(this::catchUp);
        catchUpDirect(event.getJDA());
    }

    private void catchUp(Guild guild) {
        long windowStart = windowStart(guild.getJDA());
        Infrastructure.getDefaultWorkerPool().execute(() -> Stream.concat(guild.getChannels().stream()
                                .filter(GuildMessageChannel.class::isInstance).map(GuildMessageChannel.class::cast),
                        guild.getThreadChannels().stream())
                .forEach(channel -> catchUp(channel, windowStart)));
    }

    /** Only channels with something newer than the window's start are looked up, so most cost nothing. */
    private void catchUp(GuildMessageChannel channel, long windowStart) {
        long latest = channel.getLatestMessageIdLong();
        if (latest == 0 || Long.compareUnsigned(latest, windowStart) <= 0 || !channel.canTalk()) {
            return;
        }
        Optional<Long> last;
        try {
            last = cursors.lastTaken(channel.getId());
        } catch (SQLException e) {
            LOG.warnf("No catch-up in channel %s: %s", channel.getId(), e.getMessage());
            return;
        }
        long from = Math.max(last.orElse(0L), windowStart);
        if (Long.compareUnsigned(latest, from) > 0) {
            readAfter(channel, from, MOST_PAGES);
        }
    }

    /** Direct messages reach shard 0 only. */
    private void catchUpDirect(JDA session) {
        if (session.getShardInfo().getShardId() != 0) {
            return;
        }
        long windowStart = windowStart(session);
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            List<ChannelCursors.DirectCursor> direct;
            try {
                direct = cursors.directSince(Instant.now().minus(DIRECT_LOOKBACK));
            } catch (SQLException e) {
                LOG.warnf("No catch-up of direct messages: %s", e.getMessage());
                return;
            }
            LOG.infof("Catching up direct messages in %d channels", direct.size());
            for (ChannelCursors.DirectCursor cursor : direct) {
                session.openPrivateChannelById(cursor.userId()).queue(
                        channel -> readAfter(channel, Math.max(cursor.lastTaken(), windowStart), MOST_PAGES),
                        failure -> LOG.warnf("No catch-up of direct messages with %s: %s", cursor.userId(),
                                failure.getMessage()));
            }
        });
    }

    /** Takes in the messages after {@code from}, oldest first, a page at a time. */
    private void readAfter(MessageChannel channel, long from, int pagesLeft) {
        channel.getHistoryAfter(from, PAGE).queue(history -> {
                    List<Message> page = history.getRetrievedHistory().stream()
                            .sorted(Comparator.comparingLong(Message::getIdLong)).toList();
                    if (!page.isEmpty()) {
                        LOG.infof("Catching up %d messages in channel %s", page.size(), channel.getId());
                    }
                    page.forEach(listener::take);
                    if (page.size() == PAGE && pagesLeft > 1) {
                        readAfter(channel, page.get(page.size() - 1).getIdLong(), pagesLeft - 1);
                    }
                },
                failure -> LOG.warnf("No catch-up in channel %s: %s", channel.getId(), failure.getMessage()));
    }

    private long windowStart(JDA session) {
        Instant darkSince = shards.darkSince(session.getShardInfo().getShardId());
        Instant start = (darkSince.isBefore(Instant.now()) ? darkSince : Instant.now()).minus(window);
        return TimeUtil.getDiscordTimestamp(start.toEpochMilli());
    }
}
