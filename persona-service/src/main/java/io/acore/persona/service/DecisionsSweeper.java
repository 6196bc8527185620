package io.acore.persona.service;

import io.acore.persona.config.PersonaConfig;
import io.acore.persona.repository.ReplyDecisions;
import io.acore.persona.repository.ServerSettingsStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Drops the calls, answers and commands run older than {@code acore.persona.decisions-kept}: kept longer than the
 * broker keeps its records, so that nothing it could still deliver is decided or run again without them. Every replica sweeps; a sweep repeated
 * does nothing.
 */
@ApplicationScoped
public class DecisionsSweeper {
    private static final Logger LOG = Logger.getLogger(DecisionsSweeper.class);

    private final ReplyDecisions decisions;
    private final ServerSettingsStore settings;
    private final Duration kept;

    public DecisionsSweeper(ReplyDecisions decisions, ServerSettingsStore settings, PersonaConfig config) {
        this.decisions = decisions;
        this.settings = settings;
        this.kept = config.decisionsKept();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        Instant before = Instant.now().minus(kept);
        try {
            LOG.debugf("swept %d calls and answers and %d commands older than %s", decisions.forgetBefore(before),
                    settings.sweepCommands(kept), kept);
        } catch (SQLException e) {
            LOG.debugf("sweep put off: %s", e.getMessage());
        }
    }
}
