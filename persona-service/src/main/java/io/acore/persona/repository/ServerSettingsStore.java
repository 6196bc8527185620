package io.acore.persona.repository;

import io.acore.events.ConversationId;
import io.acore.events.Platform;
import io.acore.persona.client.ModelTuning;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The persona settings servers' managers made from Discord (tables {@code persona.server_card},
 * {@code channel_persona}, {@code channel_default}), and the commands that made them ({@code command_done}): each
 * change is written with its command's answer in one transaction, so a command read again finds its answer and
 * changes nothing more. Every method throws {@link SQLException} while the database is down.
 */
@ApplicationScoped
public class ServerSettingsStore {
    /** The web chat's settings are kept as those of one server of this id. */
    public static final String WEB_CHAT = "web";

    /**
     * The server whose settings a conversation follows: its Discord server, or {@value #WEB_CHAT} for the web chat;
     * null for a direct message, which follows the catalog and the environment alone.
     */
    public static String serverOf(ConversationId conversation) {
        if (conversation.guildId() != null) {
            return conversation.guildId();
        }
        return conversation.platform() == Platform.WEB ? WEB_CHAT : null;
    }

    /** A card a server imported (content; a name of its own when kept beside another) or removed (no content). */
    public record StoredCard(String personaId, String name, String source, byte[] content) {
        public boolean removed() {
            return content == null;
        }
    }

    /**
     * One server's settings as stored; channels absent from a map keep what the environment gives them. {@code version}
     * was read before the rest: the settings are at least that new.
     */
    public record StoredSettings(String guildId, long version, List<StoredCard> cards,
            Map<ConversationId, List<String>> channelPersonas, Map<ConversationId, Optional<String>> channelDefaults,
            Map<ConversationId, Map<String, Integer>> talkativeness, Map<ConversationId, Boolean> banter,
            Map<ModelLevel, ModelTuning> models) {
    }

    /** Where a choice of model settings applies: a persona of the server, a channel, or the whole server. */
    public record ModelLevel(String level, String target) {
        public static final String PERSONA = "persona";
        public static final String CHANNEL = "channel";
        public static final String SERVER = "server";

        public static ModelLevel persona(String personaId) {
            return new ModelLevel(PERSONA, personaId);
        }

        public static ModelLevel channel(ConversationId channel) {
            return new ModelLevel(CHANNEL, channel.toString());
        }

        public static ModelLevel server() {
            return new ModelLevel(SERVER, "*");
        }
    }

    /** A change made inside a command's transaction. */
    @FunctionalInterface
    public interface Change {
        void apply(Connection connection) throws SQLException;

        /** This change, then {@code next}, in the same transaction. */
        default Change andThen(Change next) {
            return connection -> {
                apply(connection);
                next.apply(connection);
            };
        }
    }

    private final DataSource database;

    public ServerSettingsStore(DataSource database) {
        this.database = database;
    }

    /** The answer a command was given, if it ran already. */
    public Optional<String> answerOf(String commandId) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT answer FROM persona.command_done WHERE command_id = ?")) {
            query.setString(1, commandId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * Makes a command's change in {@code guildId}'s settings and keeps its answer, all or nothing, raising the
     * server's settings version; false (nothing changed) when the command had run already.
     */
    public boolean run(String commandId, String answer, String guildId, Change change) throws SQLException {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement done = connection.prepareStatement("INSERT INTO persona.command_done "
                    + "(command_id, answer) VALUES (?, ?) ON CONFLICT (command_id) DO NOTHING")) {
                done.setString(1, commandId);
                done.setString(2, answer);
                if (done.executeUpdate() == 0) {
                    connection.rollback();
                    return false;
                }
                change.apply(connection);
                try (PreparedStatement version = connection.prepareStatement("INSERT INTO persona.settings_version "
                        + "(guild_id, version) VALUES (?, 1) ON CONFLICT (guild_id) DO UPDATE "
                        + "SET version = settings_version.version + 1")) {
                    version.setString(1, guildId);
                    version.executeUpdate();
                }
                connection.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Stores an imported card, replacing what the server had under its id; {@code name} null: the card's own. */
    public static Change card(String guildId, String personaId, String name, String source, byte[] content,
            String by) {
        return upsert("""
                INSERT INTO persona.server_card (guild_id, persona_id, name, source, content, removed, changed_by)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (guild_id, persona_id) DO UPDATE SET name = excluded.name, source = excluded.source,
                    content = excluded.content, removed = excluded.removed, changed_by = excluded.changed_by,
                    changed_at = now()
                """, guildId, personaId, name, source, content, content == null, by);
    }

    /**
     * Takes a persona out of a server: its imported card goes, a built-in one stops living there; the channels that
     * list it keep their rows, which name a persona no longer there until it is imported again.
     */
    public static Change removal(String guildId, String personaId, String by) {
        return card(guildId, personaId, null, "removed", null, by);
    }

    /** The personas that live in a channel from now on. */
    public static Change channelPersonas(ConversationId channel, Set<String> personaIds) {
        return connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM persona.channel_persona WHERE conversation_id = ?")) {
                delete.setString(1, channel.toString());
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO persona.channel_persona "
                    + "(conversation_id, guild_id, persona_id) VALUES (?, ?, ?)")) {
                for (String persona : personaIds) {
                    insert.setString(1, channel.toString());
                    insert.setString(2, serverOf(channel));
                    insert.setString(3, persona);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        };
    }

    /** A channel's default persona from now on; null: none of its own. */
    public static Change channelDefault(ConversationId channel, String personaId) {
        return upsert("""
                INSERT INTO persona.channel_default (conversation_id, guild_id, persona_id) VALUES (?, ?, ?)
                ON CONFLICT (conversation_id) DO UPDATE SET persona_id = excluded.persona_id
                """, channel.toString(), serverOf(channel), personaId);
    }

    /** How readily a persona speaks unasked in a channel from now on, 0-100. */
    public static Change talkativeness(ConversationId channel, String personaId, int value) {
        return upsert("""
                INSERT INTO persona.channel_talkativeness (conversation_id, guild_id, persona_id, talkativeness)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (conversation_id, persona_id) DO UPDATE SET talkativeness = excluded.talkativeness
                """, channel.toString(), serverOf(channel), personaId, value);
    }

    /** The model settings chosen at a level from now on (null values: left to the level below); NONE clears it. */
    public static Change models(String guildId, ModelLevel level, ModelTuning tuning) {
        return upsert("""
                INSERT INTO persona.model_setting (guild_id, level, target, model, temperature, max_tokens)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (guild_id, level, target) DO UPDATE SET model = excluded.model,
                    temperature = excluded.temperature, max_tokens = excluded.max_tokens
                """, guildId, level.level(), level.target(), tuning.model(), tuning.temperature(), tuning.maxTokens());
    }

    /** Whether the channel's personas may answer each other from now on. */
    public static Change banter(ConversationId channel, boolean enabled) {
        return upsert("""
                INSERT INTO persona.channel_banter (conversation_id, guild_id, enabled) VALUES (?, ?, ?)
                ON CONFLICT (conversation_id) DO UPDATE SET enabled = excluded.enabled
                """, channel.toString(), serverOf(channel), enabled);
    }

    /** One statement with its values, in order (a null value is SQL's null). */
    private static Change upsert(String sql, Object... values) {
        return connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    statement.setObject(i + 1, values[i]);
                }
                statement.executeUpdate();
            }
        };
    }

    /** Every server's settings. */
    public Map<String, StoredSettings> loadAll() throws SQLException {
        return read(null);
    }

    public StoredSettings load(String guildId) throws SQLException {
        return read(guildId).getOrDefault(guildId, new StoredSettings(guildId, 0, List.of(), Map.of(), Map.of(),
                Map.of(), Map.of(), Map.of()));
    }

    /** How many times the server's settings were changed from Discord (0: never). */
    public long versionOf(String guildId) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT version FROM persona.settings_version WHERE guild_id = ?")) {
            query.setString(1, guildId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    private Map<String, StoredSettings> read(String onlyGuild) throws SQLException {
        Map<String, List<StoredCard>> cards = new HashMap<>();
        Map<String, Map<ConversationId, List<String>>> personas = new HashMap<>();
        Map<String, Map<ConversationId, Optional<String>>> defaults = new HashMap<>();
        Map<String, Map<ConversationId, Map<String, Integer>>> talkativeness = new HashMap<>();
        Map<String, Map<ConversationId, Boolean>> banter = new HashMap<>();
        Map<String, Map<ModelLevel, ModelTuning>> models = new HashMap<>();
        Map<String, Long> versions = new HashMap<>();
        Set<String> guilds = new TreeSet<>();
        try (Connection connection = database.getConnection()) {
            Rows rows = new Rows(connection, onlyGuild, guilds);
            // first: a change committed while the rest is read makes the settings newer than the version, never older
            rows.each("SELECT guild_id, version FROM persona.settings_version", "",
                    (guild, row) -> versions.put(guild, row.getLong(2)));
            rows.each("SELECT guild_id, persona_id, name, source, content FROM persona.server_card",
                    " ORDER BY changed_at, persona_id", (guild, row) -> cards.computeIfAbsent(guild,
                            g -> new ArrayList<>()).add(new StoredCard(row.getString(2), row.getString(3),
                                    row.getString(4), row.getBytes(5))));
            rows.each("SELECT guild_id, conversation_id, persona_id FROM persona.channel_persona", " ORDER BY persona_id",
                    (guild, row) -> personas.computeIfAbsent(guild, g -> new LinkedHashMap<>())
                            .computeIfAbsent(ConversationId.fromString(row.getString(2)), c -> new ArrayList<>())
                            .add(row.getString(3)));
            rows.each("SELECT guild_id, conversation_id, persona_id FROM persona.channel_default", "",
                    (guild, row) -> defaults.computeIfAbsent(guild, g -> new HashMap<>())
                            .put(ConversationId.fromString(row.getString(2)), Optional.ofNullable(row.getString(3))));
            rows.each("SELECT guild_id, conversation_id, persona_id, talkativeness FROM persona.channel_talkativeness",
                    "", (guild, row) -> talkativeness.computeIfAbsent(guild, g -> new HashMap<>())
                            .computeIfAbsent(ConversationId.fromString(row.getString(2)), c -> new HashMap<>())
                            .put(row.getString(3), row.getInt(4)));
            rows.each("SELECT guild_id, conversation_id, enabled FROM persona.channel_banter", "",
                    (guild, row) -> banter.computeIfAbsent(guild, g -> new HashMap<>())
                            .put(ConversationId.fromString(row.getString(2)), row.getBoolean(3)));
            rows.each("SELECT guild_id, level, target, model, temperature, max_tokens FROM persona.model_setting", "",
                    (guild, row) -> models.computeIfAbsent(guild, g -> new HashMap<>()).put(
                            new ModelLevel(row.getString(2), row.getString(3)), new ModelTuning(row.getString(4),
                                    row.getObject(5, Double.class), row.getObject(6, Integer.class))));
        }
        Map<String, StoredSettings> all = new HashMap<>();
        for (String guild : guilds) {
            all.put(guild, new StoredSettings(guild, versions.getOrDefault(guild, 0L), cards.getOrDefault(guild, List.of()),
                    personas.getOrDefault(guild, Map.of()), defaults.getOrDefault(guild, Map.of()),
                    talkativeness.getOrDefault(guild, Map.of()), banter.getOrDefault(guild, Map.of()),
                    models.getOrDefault(guild, Map.of())));
        }
        return all;
    }

    /** What one row of a settings table adds, under its server (the first column). */
    @FunctionalInterface
    private interface RowReader {
        void read(String guild, ResultSet row) throws SQLException;
    }

    /** The settings tables read on one connection, of one server or of all, noting each server met. */
    private record Rows(Connection connection, String onlyGuild, Set<String> guilds) {
        void each(String select, String order, RowReader reader) throws SQLException {
            try (PreparedStatement query = connection.prepareStatement(select
                    + (onlyGuild == null ? "" : " WHERE guild_id = ?") + order)) {
                if (onlyGuild != null) {
                    query.setString(1, onlyGuild);
                }
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        guilds.add(row.getString(1));
                        reader.read(row.getString(1), row);
                    }
                }
            }
        }
    }

    /** Drops the record of commands older than Discord lets their answer be given. */
    public int sweepCommands(Duration olderThan) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM persona.command_done WHERE done_at < now() - ?::interval")) {
            delete.setString(1, olderThan.toSeconds() + " seconds");
            return delete.executeUpdate();
        }
    }
}
