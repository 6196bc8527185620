package io.acore.gateway.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.acore.events.ChatMessage;
import io.acore.events.ConversationId;
import io.acore.events.Reply;
import io.acore.events.Role;
import io.acore.events.Stage;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Fans out live web-chat lines to the browsers watching a conversation, and lets a stream that broke resume where
 * it stopped. Each line sent gets an event id ({@link LiveLine#eventId()}: this process and a number); the newest
 * lines of a conversation watched lately are kept ({@value #KEPT_PER_CONVERSATION}, a line's newer state replacing
 * its older one), so a browser reconnecting with the {@code Last-Event-ID} its stream last had gets what it missed,
 * then the live lines, with nothing lost between. Where that cannot be (another process gave the id — the gateway
 * restarted or another replica answers — or the lines it missed are no longer kept, or it has no id), the stream
 * starts with {@link LiveLine#RESYNC}: the page then reads the conversation's stored lines.
 */
@ApplicationScoped
public class WebChatHub {
    static final int KEPT_PER_CONVERSATION = 64;
    /** How long a conversation's lines are kept after its last browser left, for a reconnect. */
    private static final Duration KEPT_AFTER_WATCHED = Duration.ofMinutes(2);

    /** A line on a browser's stream: its event id, and the line; or the sign to read the stored lines again. */
    public record LiveLine(String eventId, ChatLine line) {
        public static final LiveLine RESYNC = new LiveLine(null, null);

        public boolean resync() {
            return line == null;
        }
    }

    private record Numbered(long number, ChatLine line) {
    }

    private final String process = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong numbers = new AtomicLong();
    /** Kept while a browser watches, and {@link #KEPT_AFTER_WATCHED} after the last one left. */
    private final Cache<String, Conversation> conversations = Caffeine.newBuilder()
            .expireAfter(Expiry.<String, Conversation>writing((key, conversation) -> conversation.watched()
                    ? Duration.ofNanos(Long.MAX_VALUE) : KEPT_AFTER_WATCHED))
            .build();

    /**
     * The conversation's lines from now on, after those missed since {@code lastEventId} when they can be told
     * (else a {@link LiveLine#RESYNC} first).
     */
    public Multi<LiveLine> watch(ConversationId conversationId, Optional<String> lastEventId) {
        Optional<Long> after = lastEventId.flatMap(this::numberOf);
        String key = conversationId.toString();
        return Multi.createFrom().emitter(emitter -> {
            Consumer<LiveLine> sink = emitter::emit;
            conversations.asMap().compute(key, (same, conversation) -> {
                Conversation joined = conversation == null ? new Conversation() : conversation;
                joined.join(sink, after);
                return joined;
            });
            Runnable leave = () -> conversations.asMap().computeIfPresent(key, (same, conversation) -> {
                conversation.leave(sink);
                return conversation;
            });
            emitter.onTermination(leave);
            if (emitter.isCancelled()) {
                leave.run(); // the browser went while it was joining, before its leaving could be heard
            }
        });
    }

    /** Whether a browser on this instance watches the conversation of this wire form (a record's key), or did lately. */
    public boolean watched(String conversationId) {
        return conversations.policy().getIfPresentQuietly(conversationId) != null;
    }

    public void userMessage(ChatMessage message) {
        broadcast(message.conversationId(), new ChatLine(message.id(), Role.USER.wireName(),
                new ChatLine.Author(message.author().name(), null), message.content(), false, 0, null,
                Stage.GATEWAY_RECEIVED.in(message.stages()).orElseGet(Instant::now)));
    }

    public void reply(Reply reply) {
        broadcast(reply.conversationId(), new ChatLine(reply.id(), reply.kind().wireName(),
                new ChatLine.Author(reply.persona().name(), reply.persona().id()), reply.content(), reply.partial(),
                reply.sequence(), reply.inReplyTo(), Stage.PERSONA_PUBLISHED.in(reply.stages()).orElseGet(Instant::now)));
    }

    private void broadcast(ConversationId conversationId, ChatLine line) {
        Conversation conversation = conversations.policy().getIfPresentQuietly(conversationId.toString());
        if (conversation != null) {
            conversation.add(new Numbered(numbers.incrementAndGet(), line));
        }
    }

    private Optional<Long> numberOf(String eventId) {
        int dash = eventId.lastIndexOf('-');
        if (dash < 0 || !eventId.substring(0, dash).equals(process)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(eventId.substring(dash + 1)));
        } catch (NumberFormatException notOurs) {
            return Optional.empty();
        }
    }

    private String eventId(long number) {
        return process + "-" + number;
    }

    /** One conversation's kept lines and its browsers; a line is kept and sent under one lock, so none slips between. */
    private final class Conversation {
        private final Deque<Numbered> kept = new ArrayDeque<>();
        private final Set<Consumer<LiveLine>> sinks = new HashSet<>();
        /** The highest number of a line no longer kept for want of room: a browser that missed it must resync. */
        private long forgottenUpTo;

        synchronized void join(Consumer<LiveLine> sink, Optional<Long> after) {
            if (after.isPresent() && after.get() >= forgottenUpTo) {
                for (Numbered numbered : kept) {
                    if (numbered.number() > after.get()) {
                        sink.accept(new LiveLine(eventId(numbered.number()), numbered.line()));
                    }
                }
            } else {
                sink.accept(LiveLine.RESYNC);
            }
            sinks.add(sink);
        }

        synchronized void leave(Consumer<LiveLine> sink) {
            sinks.remove(sink);
        }

        synchronized boolean watched() {
            return !sinks.isEmpty();
        }

        synchronized void add(Numbered numbered) {
            kept.removeIf(older -> older.line().id().equals(numbered.line().id()));
            kept.addLast(numbered);
            if (kept.size() > KEPT_PER_CONVERSATION) {
                forgottenUpTo = kept.removeFirst().number();
            }
            LiveLine live = new LiveLine(eventId(numbered.number()), numbered.line());
            for (Consumer<LiveLine> sink : new ArrayList<>(sinks)) {
                sink.accept(live);
            }
        }
    }
}
