package io.acore.persona.messaging;

import io.acore.events.EventCodec;
import io.acore.events.MalformedEventException;
import io.acore.events.SettingsChange;
import io.acore.persona.service.ServerPersonas;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Hears that a server's persona settings changed, on whichever instance ran the command, and reads that server's
 * settings again. Every instance hears every change (a consumer group of its own, starting at the topic's end). The
 * notice only makes the new settings ready sooner: a message is never judged by older ones, as the instance compares
 * the server's settings version before deciding who answers ({@code ServerPersonas.catchUp}). A notice it cannot
 * read is skipped.
 */
@ApplicationScoped
public class SettingsChangeListener {
    private static final Logger LOG = Logger.getLogger(SettingsChangeListener.class);

    private final ServerPersonas servers;

    public SettingsChangeListener(ServerPersonas servers) {
        this.servers = servers;
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
