package io.acore.events;

import java.time.Instant;
import java.util.Map;

/**
 * A server's persona settings changed (topic {@link Topics#PERSONA_SETTINGS}, keyed by server; {@code guildId} is
 * {@code web} for the web chat's): every persona-service instance reads that server's settings again from the
 * database.
 */
public record SettingsChange(int v, String id, String traceId, String guildId, Map<String, Instant> stages)
        implements Event {

    public SettingsChange {
        Require.version(v);
        Require.text(id, "id");
        Require.text(traceId, "traceId");
        Require.text(guildId, "guildId");
        stages = Stage.copyOf(stages);
    }
}
