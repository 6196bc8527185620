package io.acore.gateway.discord;

import io.acore.gateway.config.GatewayConfig;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.events.guild.GuildReadyEvent;
import net.dv8tion.jda.api.events.session.SessionRecreateEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.utils.TimeUtil;
import org.jboss.logging.Logger;

/**
 * Takes in what members wrote while this replica was not listening: when a shard's session starts (or starts
 * anew, losing the events in between), each server channel whose newest message (Discord tells it with the
 * channel) is later than the newest one taken in ({@link ChannelCursors}) is asked for the messages after that
 * one. Only messages younger than {@code acore.discord.catch-up-window} are answered, also in channels with none
 * taken in yet; an answer to an hour-old question would surprise more than help. Messages taken in before are not
 * taken again.
 */
@Singleton
class DiscordCatchUp extends ListenerAdapter {
    /** Discord's largest page of channel history. */
    private static final int PAGE = 100;
    private static final Logger LOG = Logger.getLogger(DiscordCatchUp.class);

    private final ChannelCursors cursors;
    private final DiscordMessageListener listener;
    private final Duration window;

    DiscordCatchUp(ChannelCursors cursors, DiscordMessageListener listener, GatewayConfig config) {
        this.cursors = cursors;
        this.listener = listener;
        this.window = config.discord().catchUpWindow();
    }

    @Override
    public void onGuildReady(GuildReadyEvent event) {
        catchUp(event.getGuild());
    }

    @Override
    public void onSessionRecreate(SessionRecreateEvent event) {
        event.getJDA().getGuilds().forEach(this::catchUp);
    }

    private void catchUp(Guild guild) {
        Infrastructure.getDefaultWorkerPool().execute(() -> Stream.concat(guild.getTextChannels().stream(),
                        guild.getThreadChannels().stream())
                .forEach(this::catchUp));
    }

    /** Only channels with something newer than the window's start are looked up, so most cost nothing. */
    private void catchUp(GuildMessageChannel channel) {
        long windowStart = TimeUtil.getDiscordTimestamp(System.currentTimeMillis() - window.toMillis());
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
        if (Long.compareUnsigned(latest, from) <= 0) {
            return;
        }
        channel.getHistoryAfter(from, PAGE).queue(history -> history.getRetrievedHistory().stream()
                        .sorted(Comparator.comparingLong(Message::getIdLong))
                        .forEach(listener::take),
                failure -> LOG.warnf("No catch-up in channel %s: %s", channel.getId(), failure.getMessage()));
    }
}
