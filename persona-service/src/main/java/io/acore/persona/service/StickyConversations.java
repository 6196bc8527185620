package io.acore.persona.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.acore.events.ChatMessage;
import io.acore.events.ConversationId;
import io.acore.events.Sha256;
import io.acore.events.Stage;
import io.acore.events.metrics.Meters;
import io.acore.persona.config.PersonaConfig;
import io.acore.persona.repository.ReplyDecisions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Who a member is talking to: the persona they last called on in the conversation, for a window counted from the
 * message that called it (being answered does not extend it); where every message is answered, the persona anyone
 * there last called, when the member called nobody. Times are the messages' own (the gateway's stamp), and the calls
 * are kept in the shared database ({@link ReplyDecisions}), so a message read again — after a restart, by another
 * replica after a rebalance, replayed from the dead letters days later — goes to the persona it went to the first
 * time, and so gets the same reply id. While the database is down, this instance's own memory of the calls decides.
 */
@ApplicationScoped
public class StickyConversations {
    private static final Logger LOG = Logger.getLogger(StickyConversations.class);

    /** A persona called by a message written at {@code at}. */
    private record Call(String personaId, Instant at) {
    }

    private record Speaker(ConversationId conversationId, String authorId) {
    }

    private final Duration window;
    private final Optional<ReplyDecisions> records;
    private final Counter unavailable;
    private final Cache<Speaker, Call> bySpeaker;
    private final Cache<ConversationId, Call> byConversation;

    @Inject
    public StickyConversations(PersonaConfig config, ReplyDecisions records, MeterRegistry registry) {
        this(config.stickyWindow(), Optional.of(records), registry);
    }

    /** Without {@code records}: this instance's memory alone. */
    StickyConversations(Duration window, Optional<ReplyDecisions> records, MeterRegistry registry) {
        this.window = window;
        this.records = records;
        this.unavailable = Meters.counter(registry, "acore.persona.decisions.unavailable",
                "messages decided without the database, by record", "record", "called");
        // a fallback only: messages read late are still judged by their own times, within a generous wall-clock span
        Duration kept = window.multipliedBy(3);
        this.bySpeaker = Caffeine.newBuilder().expireAfterWrite(kept).maximumSize(200_000).build();
        this.byConversation = Caffeine.newBuilder().expireAfterWrite(kept).maximumSize(100_000).build();
    }

    /** The message called on the persona. */
    public void named(ChatMessage message, String personaId) {
        Call call = new Call(personaId, writtenAt(message));
        bySpeaker.asMap().merge(new Speaker(message.conversationId(), message.author().id()), call, StickyConversations::later);
        byConversation.asMap().merge(message.conversationId(), call, StickyConversations::later);
        records.ifPresent(store -> {
            try {
                store.called(message.id(), message.conversationId(), Sha256.hex(message.author().id()), personaId,
                        call.at());
            } catch (SQLException e) {
                unavailable(e);
            }
        });
    }

    /**
     * The persona the message's writer is talking to: the one they called in the window before it, or, when
     * {@code byAnyone}, the one anyone in the conversation called then.
     */
    public Optional<String> current(ChatMessage message, boolean byAnyone) {
        Instant at = writtenAt(message);
        if (records.isPresent()) {
            try {
                return records.get().lastCalled(message.conversationId(), Sha256.hex(message.author().id()), byAnyone,
                        at.minus(window), at, message.id());
            } catch (SQLException e) {
                unavailable(e);
            }
        }
        return within(bySpeaker.getIfPresent(new Speaker(message.conversationId(), message.author().id())), at)
                .or(() -> byAnyone ? within(byConversation.getIfPresent(message.conversationId()), at) : Optional.empty());
    }

    private Optional<String> within(Call call, Instant at) {
        return call != null && !call.at().isAfter(at) && call.at().isAfter(at.minus(window))
                ? Optional.of(call.personaId()) : Optional.empty();
    }

    private static Call later(Call one, Call other) {
        return other.at().isBefore(one.at()) ? one : other;
    }

    /** When the member wrote it: the gateway's stamp (a message without one is taken as written now). */
    private static Instant writtenAt(ChatMessage message) {
        return Stage.GATEWAY_RECEIVED.in(message.stages()).orElseGet(Instant::now);
    }

    private void unavailable(SQLException e) {
        unavailable.increment();
        LOG.debugf("who answers decided by this instance alone: %s", e.getMessage());
    }
}
