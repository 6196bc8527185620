package io.acore.gateway.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.acore.events.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Shows "typing" in a channel while a persona works on a reply there. Discord shows it for 10 s, so one request
 * per channel every {@link #REFRESH} keeps it up during a long reply without spending the rate limit.
 */
@ApplicationScoped
public class TypingIndicator {
    private static final Duration REFRESH = Duration.ofSeconds(8);
    private static final Logger LOG = Logger.getLogger(TypingIndicator.class);

    private final DiscordConnection discord;
    private final Cache<String, Boolean> recentlyShown = Caffeine.newBuilder().expireAfterWrite(REFRESH)
            .maximumSize(100_000).build();

    public TypingIndicator(DiscordConnection discord) {
        this.discord = discord;
    }

    public void whileWorkingOn(Reply partial) {
        discord.channel(partial.channelId())
                .filter(channel -> recentlyShown.asMap().putIfAbsent(channel.getId(), Boolean.TRUE) == null)
                .ifPresent(channel -> channel.sendTyping().queue(ok -> { },
                        error -> LOG.debugf("typing in %s failed: %s", channel.getId(), error)));
    }
}
