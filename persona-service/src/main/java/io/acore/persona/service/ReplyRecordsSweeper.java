package io.acore.persona.service;

import io.acore.persona.config.PersonaConfig;
import io.acore.persona.repository.AnswerRecords;
import io.acore.persona.repository.CallRecords;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Drops the calls and answers older than {@code acore.persona.decisions-kept}: kept longer than the broker keeps its
 * records, so that nothing it could still deliver is decided without them. Every replica sweeps; a sweep repeated
 * does nothing.
 */
@ApplicationScoped
public class ReplyRecordsSweeper {
    private static final Logger LOG = Logger.getLogger(ReplyRecordsSweeper.class);

    private final CallRecords calls;
    private final AnswerRecords answers;
    private final Duration kept;

    public ReplyRecordsSweeper(CallRecords calls, AnswerRecords answers, PersonaConfig config) {
        this.calls = calls;
        this.answers = answers;
        this.kept = config.decisionsKept();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        Instant before = Instant.now().minus(kept);
        try {
            LOG.debugf("swept %d calls and %d answers older than %s", calls.forgetBefore(before),
                    answers.forgetBefore(before), kept);
        } catch (SQLException e) {
            LOG.debugf("sweep put off: %s", e.getMessage());
        }
    }
}
