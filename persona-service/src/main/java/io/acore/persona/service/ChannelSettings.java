package io.acore.persona.service;

import io.acore.events.ConversationId;
import io.acore.persona.card.PersonaCatalog;
import io.acore.persona.config.PersonaConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-channel persona settings, checked against the catalog at start-up: which personas live in a channel (all,
 * unless listed) and which one answers when a message names nobody. A server channel given a default of its own is
 * that persona's home: there every message is answered, as in direct messages and the web chat.
 */
@Startup
@ApplicationScoped
public class ChannelSettings {
    private final Map<ConversationId, String> defaults = new HashMap<>();
    private final Map<ConversationId, List<String>> allowed = new HashMap<>();
    private final String fallback;

    public ChannelSettings(PersonaConfig config, PersonaCatalog catalog) {
        this.fallback = config.defaultPersona();
        for (String entry : config.channelPersonas().orElse(List.of())) {
            String[] parts = split(entry, "channel-personas", "conversationId=personaId|personaId…");
            List<String> personas = Arrays.stream(parts[1].split("\\|")).map(String::strip).toList();
            personas.forEach(persona -> requireLoaded(catalog, "channel-personas", entry, persona));
            allowed.put(conversation(entry, "channel-personas", parts[0]), personas);
        }
        for (String entry : config.channelDefaults().orElse(List.of())) {
            String[] parts = split(entry, "channel-defaults", "conversationId=personaId");
            requireLoaded(catalog, "channel-defaults", entry, parts[1]);
            ConversationId conversation = conversation(entry, "channel-defaults", parts[0]);
            if (!allows(conversation, parts[1])) {
                throw new IllegalArgumentException("acore.persona.channel-defaults: '" + entry + "' names a persona "
                        + "that acore.persona.channel-personas does not allow in that channel");
            }
            defaults.put(conversation, parts[1]);
        }
    }

    /** Who answers an unaddressed message: the channel's default, else the global one if it lives here. */
    public String personaFor(ConversationId conversationId) {
        String configured = defaults.get(conversationId);
        if (configured != null) {
            return configured;
        }
        List<String> here = allowed.get(conversationId);
        return here == null || here.contains(fallback) ? fallback : here.get(0);
    }

    /**
     * Whether every message here is answered, even one that calls on nobody: in direct messages, the web chat and
     * a server channel that is a persona's home; elsewhere in a server a persona speaks only when called.
     */
    public boolean answersEveryMessage(ConversationId conversationId) {
        return conversationId.guildId() == null || defaults.containsKey(conversationId);
    }

    public boolean allows(ConversationId conversationId, String personaId) {
        List<String> here = allowed.get(conversationId);
        return here == null || here.contains(personaId);
    }

    private static String[] split(String entry, String setting, String shape) {
        int separator = entry.lastIndexOf('=');
        if (separator <= 0 || separator == entry.length() - 1) {
            throw new IllegalArgumentException("acore.persona." + setting + ": '" + entry + "' is not " + shape);
        }
        return new String[] {entry.substring(0, separator).strip(), entry.substring(separator + 1).strip()};
    }

    private static ConversationId conversation(String entry, String setting, String wire) {
        try {
            return ConversationId.fromString(wire);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("acore.persona." + setting + ": '" + entry + "': " + e.getMessage(), e);
        }
    }

    private static void requireLoaded(PersonaCatalog catalog, String setting, String entry, String persona) {
        if (catalog.find(persona).isEmpty()) {
            throw new IllegalArgumentException("acore.persona." + setting + ": '" + entry + "' names persona '"
                    + persona + "', which is not loaded");
        }
    }
}
