package io.acore.persona.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.acore.events.ConversationId;
import io.acore.events.Sha256;
import io.acore.persona.card.CardParser;
import io.acore.persona.card.CharacterCard;
import io.acore.persona.card.InvalidCardException;
import io.acore.persona.card.PersonaCatalog;
import io.acore.persona.card.Portrait;
import io.acore.persona.config.PersonaConfig;
import io.acore.persona.client.ModelTuning;
import io.acore.persona.repository.ServerSettingsStore;
import io.acore.persona.repository.ServerSettingsStore.ModelLevel;
import io.acore.persona.repository.ServerSettingsStore.StoredCard;
import io.acore.persona.repository.ServerSettingsStore.StoredSettings;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The personas of each server, as its managers set them from Discord on top of the catalog (the built-in cards and
 * the cards folder): cards imported there, catalog cards removed there, and each channel's personas and default when
 * set from Discord. Read from the database at start, again for a server when any replica changes it
 * ({@code acore.persona.settings}) and every minute in case a notice was missed; while the database is down the
 * last settings read stay in force.
 */
@ApplicationScoped
public class ServerPersonas {
    private static final Logger LOG = Logger.getLogger(ServerPersonas.class);

    /** One server's settings, ready to use. */
    record Server(long version, Collection<CharacterCard> lineup, Map<String, CharacterCard> imported, Set<String> removed,
            Map<ConversationId, List<String>> channelPersonas, Map<ConversationId, Optional<String>> channelDefaults,
            Map<ConversationId, Map<String, Integer>> talkativeness, Map<ConversationId, Boolean> banter,
            Map<ModelLevel, ModelTuning> models) {
        static final Server NONE = new Server(0, List.of(), Map.of(), Set.of(), Map.of(), Map.of(), Map.of(), Map.of(),
                Map.of());
    }

    private final PersonaCatalog catalog;
    private final CardParser parser;
    private final ServerSettingsStore store;
    private final Optional<String> avatarBase;
    private final Map<String, Server> servers = new ConcurrentHashMap<>();
    /** Imported cards as read, by their bytes: settings are read every minute, a card's picture scaled once. */
    private final Cache<String, CharacterCard> parsed = Caffeine.newBuilder().maximumSize(1_000).build();
    /** When each server's settings in {@link #servers} were read ({@link System#nanoTime}). */
    private final Map<String, Long> readAtNanos = new HashMap<>();

    public ServerPersonas(PersonaCatalog catalog, CardParser parser, ServerSettingsStore store, PersonaConfig config) {
        this.catalog = catalog;
        this.avatarBase = config.avatarBaseUrl();
        this.parser = parser;
        this.store = store;
    }

    void start(@Observes StartupEvent startup) {
        reloadAll();
    }

    /** The personas that may speak in a conversation's server (the web chat is one; in a DM the catalog's). */
    public Collection<CharacterCard> cardsIn(ConversationId conversation) {
        Server server = server(conversation);
        return server == Server.NONE ? catalog.all() : server.lineup();
    }

    public Optional<CharacterCard> find(ConversationId conversation, String personaId) {
        Server server = server(conversation);
        CharacterCard imported = server.imported().get(personaId);
        if (imported != null) {
            return Optional.of(imported);
        }
        return server.removed().contains(personaId) ? Optional.empty() : catalog.find(personaId);
    }

    /** Whether the persona was imported in the conversation's server (not one of the catalog's cards). */
    public boolean imported(ConversationId conversation, String personaId) {
        return server(conversation).imported().containsKey(personaId);
    }

    /** The channel's personas as set from Discord; empty when never set there. */
    Optional<List<String>> channelPersonas(ConversationId channel) {
        return Optional.ofNullable(server(channel).channelPersonas().get(channel));
    }

    /** The channels of the conversation's server whose personas were set from Discord. */
    Set<ConversationId> channelsWithPersonas(ConversationId conversation) {
        return server(conversation).channelPersonas().keySet();
    }

    /** The channel's default as set from Discord (itself empty when cleared there); empty when never set there. */
    Optional<Optional<String>> channelDefault(ConversationId channel) {
        return Optional.ofNullable(server(channel).channelDefaults().get(channel));
    }

    /** How readily the persona speaks unasked in the channel, as set from Discord; empty when never set there. */
    Optional<Integer> talkativeness(ConversationId channel, String personaId) {
        return Optional.ofNullable(server(channel).talkativeness().getOrDefault(channel, Map.of()).get(personaId));
    }

    /** Whether the channel's personas may answer each other, as set from Discord; empty when never set there. */
    Optional<Boolean> banter(ConversationId channel) {
        return Optional.ofNullable(server(channel).banter().get(channel));
    }

    /** The model settings chosen at a level of the conversation's server; none outside servers. */
    ModelTuning models(ConversationId conversation, ModelLevel level) {
        return server(conversation).models().getOrDefault(level, ModelTuning.NONE);
    }

    /**
     * Reads the conversation's server's settings again when they were changed since this replica read them (another
     * replica ran a command whose notice has not arrived yet), so that a message is never judged by settings older
     * than itself; while the database cannot be read the settings read before stay.
     */
    public void catchUp(ConversationId conversation) {
        String guild = ServerSettingsStore.serverOf(conversation);
        if (guild == null) {
            return;
        }
        try {
            if (store.versionOf(guild) > server(conversation).version()) {
                reload(guild);
            }
        } catch (SQLException e) {
            LOG.debugf("Could not check server %s's settings version: %s", guild, e.getMessage());
        }
    }

    /** Reads one server's settings again; false when the database could not be read (the old ones stay). */
    public boolean reload(String guildId) {
        try {
            long readAt = System.nanoTime();
            Server read = ready(store.load(guildId));
            synchronized (servers) {
                if (readBefore(guildId, readAt)) {
                    servers.put(guildId, read);
                    readAtNanos.put(guildId, readAt);
                }
            }
            return true;
        } catch (SQLException e) {
            LOG.warnf("Could not read server %s's persona settings; the ones read before stay: %s", guildId,
                    e.getMessage());
            return false;
        }
    }

    /** Reads every server's settings again (a server read alone since keeps what it read then, being newer). */
    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void reloadAll() {
        try {
            long readAt = System.nanoTime();
            Map<String, Server> read = new HashMap<>();
            store.loadAll().forEach((guild, settings) -> read.put(guild, ready(settings)));
            synchronized (servers) { // a server read again alone since keeps what it read then, being newer
                servers.keySet().removeIf(guild -> !read.containsKey(guild) && readBefore(guild, readAt));
                read.forEach((guild, server) -> {
                    if (readBefore(guild, readAt)) {
                        servers.put(guild, server);
                        readAtNanos.put(guild, readAt);
                    }
                });
            }
        } catch (SQLException e) {
            LOG.warnf("Could not read the servers' persona settings; the ones read before stay: %s", e.getMessage());
        }
    }

    /** Whether what is kept of the server was read before {@code nanos} (or never). */
    private boolean readBefore(String guild, long nanos) {
        Long readAt = readAtNanos.get(guild);
        return readAt == null || readAt - nanos < 0;
    }

    private Server server(ConversationId conversation) {
        String server = ServerSettingsStore.serverOf(conversation);
        return server == null ? Server.NONE : servers.getOrDefault(server, Server.NONE);
    }

    private Server ready(StoredSettings settings) {
        Map<String, CharacterCard> imported = new LinkedHashMap<>();
        Set<String> removed = new HashSet<>();
        for (StoredCard stored : settings.cards()) {
            if (stored.removed()) {
                removed.add(stored.personaId());
                continue;
            }
            try {
                CharacterCard card = parsed.get(Sha256.hex(stored.content()) + "/" + stored.source(),
                        key -> parser.parse(stored.content(), stored.source()));
                CharacterCard named = card.as(stored.personaId(), stored.name() == null ? card.name() : stored.name());
                imported.put(stored.personaId(), Portrait.withAvatar(named, avatarBase,
                        settings.guildId() + "/" + stored.personaId()));
            } catch (InvalidCardException e) {
                LOG.warnf("Server %s's imported card cannot be read any more: %s", settings.guildId(), e.getMessage());
            }
        }
        Map<String, CharacterCard> lineup = new LinkedHashMap<>();
        catalog.all().stream().filter(card -> !removed.contains(card.id())).forEach(card -> lineup.put(card.id(), card));
        lineup.putAll(imported);
        return new Server(settings.version(), List.copyOf(lineup.values()), Map.copyOf(imported), Set.copyOf(removed),
                settings.channelPersonas(), settings.channelDefaults(), settings.talkativeness(), settings.banter(), settings.models());
    }
}
