package io.acore.persona.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.acore.events.Reply;
import io.acore.events.metrics.Meters;
import io.acore.persona.repository.ReplyDecisions;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Messages already answered (their final reply published), kept in the shared database ({@link ReplyDecisions}) and
 * in this instance's memory: a message read again — the same Discord message taken in twice, a record redelivered
 * after a restart or a rebalance, a dead letter replayed — costs no second model call, whichever replica reads it.
 * It is a saving, not the guarantee: an answer given again has the same reply id ({@link Reply#idFor}, with the same
 * persona: {@link StickyConversations}), and every consumer keeps it once. While the database is down, this
 * instance's memory alone decides.
 */
@ApplicationScoped
public class AnsweredMessages {
    private static final Logger LOG = Logger.getLogger(AnsweredMessages.class);

    private final ReplyDecisions records;
    private final Counter unavailable;
    private final Cache<String, Boolean> answered = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(1))
            .maximumSize(200_000).build();

    public AnsweredMessages(ReplyDecisions records, MeterRegistry registry) {
        this.records = records;
        this.unavailable = Meters.counter(registry, "acore.persona.decisions.unavailable",
                "messages decided without the database, by record", "record", "answered");
    }

    public boolean contains(String messageId) {
        if (answered.getIfPresent(messageId) != null) {
            return true;
        }
        try {
            return records.isAnswered(messageId);
        } catch (SQLException e) {
            unavailable(e);
            return false;
        }
    }

    public void answered(Reply reply) {
        answered.put(reply.inReplyTo(), Boolean.TRUE);
        try {
            records.answered(reply.inReplyTo(), reply.id());
        } catch (SQLException e) {
            unavailable(e);
        }
    }

    private void unavailable(SQLException e) {
        unavailable.increment();
        LOG.debugf("answered messages known to this instance alone: %s", e.getMessage());
    }
}
