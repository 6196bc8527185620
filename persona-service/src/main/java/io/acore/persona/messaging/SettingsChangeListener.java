package io.acore.persona.messaging;

import io.acore.events.EventCodec;
import io.acore.events.MalformedEventException;
import io.acore.events.SettingsChange;
import io.acore.events.kafka.PartitionsAssigned;
import io.acore.persona.service.ServerPersonas;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Hears that a server's persona settings changed, on whichever instance ran the command, and reads that server's
 * settings again. Every instance hears every change (a consumer group of its own, starting at the topic's end): once
 * its group is given the topic it reads every server's settings again, so a change noticed while it was joining is
 * not missed until the minutely reading. A notice it cannot read is skipped, as the minutely reading catches up.
 */
@ApplicationScoped
public class SettingsChangeListener {
    private static final Logger LOG = Logger.getLogger(SettingsChangeListener.class);

    private final ServerPersonas servers;

    private final String group;

    public SettingsChangeListener(ServerPersonas servers,
            @ConfigProperty(name = "mp.messaging.incoming.persona-settings.group.id") String group) {
        this.servers = servers;
        this.group = group;
    }

    void joined(@Observes PartitionsAssigned assigned) {
        if (assigned.group().equals(group)) {
            servers.reloadAll();
        }
    }

    @Incoming("persona-settings")
    @Blocking
    public void onChange(String record) {
        try {
            servers.reload(EventCodec.decode(record, SettingsChange.class).guildId());
        } catch (MalformedEventException e) {
            LOG.warnf("skipped a settings notice that could not be read: %s", e.getMessage());
        }
    }
}
