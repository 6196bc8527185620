package io.acore.persona.service;

import io.acore.events.ConversationId;
import io.acore.persona.card.CharacterCard;
import io.acore.persona.client.ModelTuning;
import io.acore.persona.card.PersonaCatalog;
import io.acore.persona.config.PersonaConfig;
import io.acore.persona.repository.ServerSettingsStore.ModelLevel;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Per-channel persona settings: which personas live in a channel (all of its server's, unless listed) and which one
 * answers when a message names nobody. A server channel given a default of its own is that persona's home: there
 * every message is answered, as in direct messages and the web chat. Each value comes from the first of: what the
 * server's managers set from Discord ({@link ServerPersonas}), the environment ({@code acore.persona.channel-*},
 * checked against the catalog at start-up), the global default; {@link Setting#origin} tells which.
 */
@Startup
@ApplicationScoped
public class ChannelSettings {
    private final Map<ConversationId, String> defaults = new HashMap<>();
    private final Map<ConversationId, List<String>> allowed = new HashMap<>();
    private final String fallback;
    private final ServerPersonas servers;
    private final Set<ConversationId> banterChannels = new HashSet<>();

    /** Where a setting's value comes from. */
    public enum Origin {
        PERSONA("set for this persona in this server from Discord"),
        DISCORD("set in this channel from Discord"),
        SERVER("set for this server from Discord"),
        ENVIRONMENT("set by the operator's configuration"),
        DEFAULT("the default");

        private final String shown;

        Origin(String shown) {
            this.shown = shown;
        }

        public String shown() {
            return shown;
        }
    }

    /** A setting's value and where it comes from. */
    public record Setting<T>(T value, Origin origin) {
    }

    public ChannelSettings(PersonaConfig config, PersonaCatalog catalog, ServerPersonas servers) {
        this.fallback = config.defaultPersona();
        this.servers = servers;
        for (String channel : config.banter().channels().orElse(List.of())) {
            banterChannels.add(conversation(channel, "banter.channels", channel));
        }
        if (config.banter().pause().toSeconds() < 5) {
            throw new IllegalArgumentException("acore.persona.banter.pause: a persona waits at least 5s before it "
                    + "answers another, not " + config.banter().pause());
        }
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
        return defaultOf(conversationId).value();
    }

    /** The channel's default persona and where it comes from. */
    public Setting<String> defaultOf(ConversationId conversationId) {
        Optional<String> own = ownDefault(conversationId);
        if (own.isPresent()) {
            Origin origin = servers.channelDefault(conversationId).isPresent() ? Origin.DISCORD : Origin.ENVIRONMENT;
            return new Setting<>(own.get(), origin);
        }
        if (allows(conversationId, fallback)) {
            return new Setting<>(fallback, Origin.DEFAULT);
        }
        List<String> listed = personasOf(conversationId).value();
        List<String> candidates = listed != null ? listed
                : servers.cardsIn(conversationId).stream().map(CharacterCard::id).toList();
        return new Setting<>(candidates.stream().filter(persona -> allows(conversationId, persona)).findFirst()
                .orElse(fallback), Origin.DEFAULT);
    }

    /**
     * Whether every message here is answered, even one that calls on nobody: in direct messages, the web chat and
     * a server channel that is a persona's home; elsewhere in a server a persona speaks only when called.
     */
    public boolean answersEveryMessage(ConversationId conversationId) {
        return conversationId.guildId() == null || ownDefault(conversationId).isPresent();
    }

    public boolean allows(ConversationId conversationId, String personaId) {
        List<String> here = personasOf(conversationId).value();
        return (here == null || here.contains(personaId)) && servers.find(conversationId, personaId).isPresent();
    }

    /**
     * The other channels of the conversation's server the persona does not live in (their personas listed, it not
     * among them): the scenes it was not present in, which its memory leaves out. None outside servers.
     */
    public List<ConversationId> absentFrom(ConversationId conversationId, String personaId) {
        if (conversationId.guildId() == null) {
            return List.of();
        }
        Set<ConversationId> listed = new HashSet<>(servers.channelsWithPersonas(conversationId));
        listed.addAll(allowed.keySet());
        return listed.stream().filter(channel -> channel.place().equals(conversationId.place())
                        && !channel.equals(conversationId) && !personasOf(channel).value().contains(personaId))
                .sorted(Comparator.comparing(ConversationId::toString)).toList();
    }

    /** The personas listed for the channel and where the list comes from; a null list: every persona of the server. */
    public Setting<List<String>> personasOf(ConversationId conversationId) {
        Optional<List<String>> set = servers.channelPersonas(conversationId);
        if (set.isPresent()) {
            return new Setting<>(set.get(), Origin.DISCORD);
        }
        List<String> configured = allowed.get(conversationId);
        return new Setting<>(configured, configured == null ? Origin.DEFAULT : Origin.ENVIRONMENT);
    }

    /** How readily the persona speaks here unasked, 0-100: as set from Discord, else 0 (only when called). */
    public Setting<Integer> talkativeness(ConversationId conversationId, String personaId) {
        return servers.talkativeness(conversationId, personaId).map(value -> new Setting<>(value, Origin.DISCORD))
                .orElse(new Setting<>(0, Origin.DEFAULT));
    }

    /** Whether the personas here may answer each other: as set from Discord, else as configured, else not. */
    public Setting<Boolean> banter(ConversationId conversationId) {
        return servers.banter(conversationId).map(on -> new Setting<>(on, Origin.DISCORD))
                .orElseGet(() -> banterChannels.contains(conversationId) ? new Setting<>(true, Origin.ENVIRONMENT)
                        : new Setting<>(false, Origin.DEFAULT));
    }

    /**
     * What a reply of the persona here asks of the model, each value from the first level that sets it: the persona
     * in this server, the channel, the server ({@code /persona model}), else {@code ACORE_LLM_*} (null).
     */
    public ModelTuning tuning(ConversationId conversationId, String personaId) {
        List<ModelTuning> levels = levels(conversationId, personaId).stream().map(Setting::value).toList();
        return new ModelTuning(first(levels, ModelTuning::model), first(levels, ModelTuning::temperature),
                first(levels, ModelTuning::maxTokens));
    }

    /** Each value of {@link #tuning} with where it comes from ("the default": {@code ACORE_LLM_*}). */
    public Map<String, Setting<Object>> tuningShown(ConversationId conversationId, String personaId) {
        Map<String, Setting<Object>> shown = new LinkedHashMap<>();
        List<Setting<ModelTuning>> levels = levels(conversationId, personaId);
        shown.put("model", origin(levels, ModelTuning::model));
        shown.put("temperature", origin(levels, ModelTuning::temperature));
        shown.put("max tokens", origin(levels, ModelTuning::maxTokens));
        return shown;
    }

    private List<Setting<ModelTuning>> levels(ConversationId conversationId, String personaId) {
        return List.of(new Setting<>(servers.models(conversationId, ModelLevel.persona(personaId)), Origin.PERSONA),
                new Setting<>(servers.models(conversationId, ModelLevel.channel(conversationId)), Origin.DISCORD),
                new Setting<>(servers.models(conversationId, ModelLevel.server()), Origin.SERVER));
    }

    private static <T> T first(List<ModelTuning> levels, Function<ModelTuning, T> value) {
        return levels.stream().map(value).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static Setting<Object> origin(List<Setting<ModelTuning>> levels, Function<ModelTuning, ?> value) {
        return levels.stream().filter(level -> value.apply(level.value()) != null)
                .map(level -> new Setting<Object>(value.apply(level.value()), level.origin())).findFirst()
                .orElse(new Setting<>(null, Origin.DEFAULT));
    }

    /** A default of the channel's own, set from Discord (or cleared there) or else in the environment. */
    private Optional<String> ownDefault(ConversationId conversationId) {
        Optional<String> own = servers.channelDefault(conversationId).orElseGet(
                () -> Optional.ofNullable(defaults.get(conversationId)));
        return own.filter(persona -> allows(conversationId, persona));
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
