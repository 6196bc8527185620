package io.acore.persona.turns;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.acore.events.ConversationId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;


/**
 * The hard cap on banter: at most {@code longest} lines personas say to each other in a channel within
 * {@code window}, whatever the chances, so every chain ends. Kept by the process answering the channel.
 */
public final class ChainLimits {
    private final int longest;
    private final Duration window;
    private final Cache<ConversationId, Deque<Instant>> lines;

    public ChainLimits(int longest, Duration window) {
        this.longest = longest;
        this.window = window;
        this.lines = Caffeine.newBuilder().expireAfterAccess(window).build();
    }

    /** Takes a place for one more line in the channel at {@code now}; false when the cap is reached. */
    public boolean take(ConversationId channel, Instant now) {
        Deque<Instant> said = lines.get(channel, c -> new ArrayDeque<>());
        synchronized (said) {
            while (!said.isEmpty() && !said.peekFirst().isAfter(now.minus(window))) {
                said.pollFirst();
            }
            if (said.size() >= longest) {
                return false;
            }
            said.addLast(now);
            return true;
        }
    }
}
