package io.acore.persona.service;

import io.acore.persona.config.PersonaConfig;
import io.acore.persona.repository.PersonaCatalog;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Which persona answers in a channel when a message names nobody; checked against the catalog at start-up. */
@Startup
@ApplicationScoped
public class ChannelDefaults {
    private final Map<String, String> byConversation = new HashMap<>();
    private final String fallback;

    public ChannelDefaults(PersonaConfig config, PersonaCatalog catalog) {
        this.fallback = config.defaultPersona();
        for (String entry : config.channelDefaults().orElse(List.of())) {
            int separator = entry.lastIndexOf('=');
            if (separator <= 0 || separator == entry.length() - 1) {
                throw new IllegalArgumentException("acore.persona.channel-defaults: '" + entry
                        + "' is not conversationId=personaId");
            }
            String persona = entry.substring(separator + 1).strip();
            if (catalog.find(persona).isEmpty()) {
                throw new IllegalArgumentException("acore.persona.channel-defaults: '" + entry + "' names persona '"
                        + persona + "', which is not loaded");
            }
            byConversation.put(entry.substring(0, separator).strip(), persona);
        }
    }

    public String personaFor(String conversationId) {
        return byConversation.getOrDefault(conversationId, fallback);
    }
}
