package io.acore.memory.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.acore.events.ConversationId;
import io.acore.events.Role;
import io.acore.memory.config.MemoryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** Conversation history in PostgreSQL, and the profiles its user turns keep up to date. */
@ApplicationScoped
public class MessageRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String COLUMNS =
            "id, conversation_id, scope, role, author_id, author_name, by_bot, content, in_reply_to, trace_id, occurred_at";
    /** A batch of turns in one statement, in the order given (it sets their sequence), each id at most once. */
    private static final String INSERT = """
            INSERT INTO conversation_message
                (id, conversation_id, scope, role, author_id, author_name, by_bot, content, in_reply_to, trace_id,
                 occurred_at, facts_checked, answers_id)
            SELECT id, conversation_id, scope, role, author_id, author_name, by_bot, content, in_reply_to, trace_id,
                   occurred_at, NOT may_hold_facts, answers_id
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[],
                        ?::text[], ?::text[], ?::timestamptz[], ?::boolean[], ?::text[]) WITH ORDINALITY
                AS turn(id, conversation_id, scope, role, author_id, author_name, by_bot, content, in_reply_to,
                        trace_id, occurred_at, may_hold_facts, answers_id, position)
            ORDER BY position
            ON CONFLICT (id) DO NOTHING
            RETURNING id
            """;
    private static final String PROGRESS = """
            INSERT INTO conversation_progress (conversation_id, scope, unsummarised)
            SELECT * FROM unnest(?::text[], ?::text[], ?::bigint[])
            ON CONFLICT (conversation_id) DO UPDATE
                SET unsummarised = conversation_progress.unsummarised + EXCLUDED.unsummarised
            """;
    /** Names arrive as one JSON array per profile: a batch cannot carry an array of arrays of unequal lengths. */
    private static final String SEEN = """
            INSERT INTO user_profile (scope, user_id, display_names, first_seen, last_seen, message_count)
            SELECT scope, user_id, ARRAY(SELECT jsonb_array_elements_text(names::jsonb)), first_seen, last_seen, turns
            FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::bigint[])
                AS seen(scope, user_id, names, first_seen, last_seen, turns)
            ON CONFLICT (scope, user_id) DO UPDATE SET
                display_names = user_profile.display_names || ARRAY(SELECT name FROM unnest(EXCLUDED.display_names)
                    WITH ORDINALITY AS added(name, position)
                    WHERE name <> ALL (user_profile.display_names) ORDER BY position),
                first_seen = LEAST(user_profile.first_seen, EXCLUDED.first_seen),
                last_seen = GREATEST(user_profile.last_seen, EXCLUDED.last_seen),
                message_count = user_profile.message_count + EXCLUDED.message_count
            """;
    private static final String RECENT = "SELECT " + COLUMNS + """
             FROM conversation_message
            WHERE conversation_id = ?
            ORDER BY occurred_at DESC, seq DESC
            LIMIT ?
            """;
    private static final String BY_IDS = "SELECT " + COLUMNS + " FROM conversation_message WHERE id = ANY (?)";
    /** The turn (a person's or a persona's) that came just before each of the given turns in its conversation. */
    private static final String PREVIOUS = "SELECT t.id AS turn, p.* FROM conversation_message t"
            + " CROSS JOIN LATERAL (SELECT " + COLUMNS + " FROM conversation_message b"
            + """
                 WHERE b.conversation_id = t.conversation_id AND b.occurred_at <= t.occurred_at
                   AND (b.occurred_at < t.occurred_at OR b.seq < t.seq) AND b.role IN ('user', 'persona')
                 ORDER BY b.occurred_at DESC, b.seq DESC LIMIT 1) p
            WHERE t.id = ANY (?)
            """;
    /**
     * The given turns themselves ({@code place} null), and up to two turns on each side of each, in its conversation
     * and scope ({@code place}: −2 … 2); one statement, as the context call reads them on the reply path. Each side
     * is read along the conversation's index on (conversation, time), two rows at most: the time bound is spelled out
     * beside its tie-break, and the scope is checked afterwards (a condition on it let the planner combine the scope's
     * index and read the whole conversation, 1 ms an anchor at 10,000 turns).
     */
    private static final String AROUND = "WITH t AS (SELECT seq, answers_id, " + COLUMNS + " FROM conversation_message"
            + " WHERE id = ANY (?)) SELECT id AS anchor, NULL::bigint AS place, " + COLUMNS + " FROM t UNION ALL"
            + " SELECT t.id AS anchor, w.* FROM t CROSS JOIN LATERAL ("
            + " SELECT -row_number() OVER (ORDER BY b.occurred_at DESC, b.seq DESC) AS place, " + COLUMNS
            + " FROM (SELECT seq, " + COLUMNS + " FROM conversation_message b"
            + """
                     WHERE b.conversation_id = t.conversation_id
                       AND b.occurred_at <= t.occurred_at AND (b.occurred_at < t.occurred_at OR b.seq < t.seq)
                       AND b.role IN ('user', 'persona')
                     ORDER BY b.occurred_at DESC, b.seq DESC LIMIT 2) b
                UNION ALL
                SELECT row_number() OVER (ORDER BY a.occurred_at, a.seq) AS place,\s"""
            + COLUMNS + " FROM (SELECT seq, " + COLUMNS + " FROM conversation_message a"
            + """
                     WHERE a.conversation_id = t.conversation_id
                       AND a.occurred_at >= t.occurred_at AND (a.occurred_at > t.occurred_at OR a.seq > t.seq)
                       AND a.role IN ('user', 'persona')
                     ORDER BY a.occurred_at, a.seq LIMIT 2) a
                UNION ALL
                SELECT 0 AS place,\s"""
            + COLUMNS + " FROM (SELECT seq, " + COLUMNS + " FROM conversation_message r"
            + """
                     WHERE r.conversation_id = t.conversation_id
                       AND (r.answers_id = t.id OR r.id = t.answers_id)
                       AND r.role IN ('user', 'persona')
                     ORDER BY r.occurred_at, r.seq LIMIT 4) r) w
            WHERE w.scope = t.scope
            """;
    private static final String BY_AUTHOR = "SELECT " + COLUMNS + """
             FROM conversation_message
            WHERE author_id = ? AND role = ?
            ORDER BY occurred_at, seq
            """;
    private static final String DELETE_BY_AUTHOR = "DELETE FROM conversation_message WHERE author_id = ? AND role = 'user'";
    private static final String DELETE_REPLIES_TO_AUTHOR = """
            DELETE FROM conversation_message WHERE in_reply_to IN
                (SELECT id FROM conversation_message WHERE author_id = ? AND role = 'user')
            """;
    private static final String DELETE_EMBEDDINGS_OF_EXCHANGES = """
            DELETE FROM memory_embedding WHERE owner_kind = 'message' AND owner_id IN
                (SELECT m.id FROM conversation_message m
                 WHERE m.author_id = ? AND m.role = 'user'
                    OR m.in_reply_to IN (SELECT id FROM conversation_message WHERE author_id = ? AND role = 'user'))
            """;
    /** A summary folds the ones before it in: every version of a conversation that ever held the user goes. */
    private static final String DELETE_SUMMARIES_WITH = """
            DELETE FROM conversation_summary WHERE conversation_id IN
                (SELECT conversation_id FROM conversation_summary WHERE ? = ANY (user_ids))
            """;
    private static final String RESUMMARISE = """
            UPDATE conversation_progress p SET summarised_seq = 0,
                unsummarised = (SELECT count(*) FROM conversation_message m
                                WHERE m.conversation_id = p.conversation_id AND m.role <> 'notice')
            WHERE NOT EXISTS (SELECT 1 FROM conversation_summary s WHERE s.conversation_id = p.conversation_id)
              AND p.summarised_seq > 0
            """;

    /**
     * One writer per conversation at a time (two-key advisory locks, apart from {@link ErasureLock}'s), taken in one
     * order: a turn dropped as erased and a reply to it stored by another consumer at the same moment would each miss
     * the other's write, and the reply would outlive the erasure.
     */
    private static final String LOCK_CONVERSATIONS = """
            SELECT pg_advisory_xact_lock(1, h)
            FROM (SELECT DISTINCT hashtext(c) AS h FROM unnest(?::text[]) AS c) AS conversations
            ORDER BY h
            """;
    private static final String TOMBSTONES = """
            SELECT key, forgotten_at FROM memory_tombstone WHERE key = ANY (?) AND expires_at > now()
            """;
    private static final String BURY = """
            INSERT INTO memory_tombstone (key, forgotten_at, expires_at)
            SELECT key, now(), now() + make_interval(secs => ?) FROM unnest(?::text[]) AS buried(key)
            ON CONFLICT (key) DO UPDATE SET forgotten_at = EXCLUDED.forgotten_at, expires_at = EXCLUDED.expires_at
            """;
    /** Replies in flight to the turns erased now will find these (same hash as {@link ErasureLock#tombstone}). */
    private static final String BURY_RECENT_TURNS = """
            INSERT INTO memory_tombstone (key, forgotten_at, expires_at)
            SELECT encode(sha256(convert_to('message:' || id, 'UTF8')), 'hex'), now(), now() + make_interval(secs => ?)
            FROM conversation_message
            WHERE author_id = ? AND role = 'user' AND stored_at > now() - make_interval(secs => ?)
            ON CONFLICT (key) DO NOTHING
            """;
    /** A user's message and what was derived from it alone: its embedding, facts resting on it only, replies to it. */
    private static final String DELETE_MESSAGE = """
            WITH gone AS (DELETE FROM conversation_message WHERE id = ? AND role = 'user' RETURNING id),
                 embeddings AS (DELETE FROM memory_embedding WHERE owner_kind = 'message'
                                AND owner_id IN (SELECT id FROM gone)),
                 facts AS (DELETE FROM memory_fact WHERE source_ids = ARRAY(SELECT id FROM gone)
                           AND cardinality(source_ids) = 1)
            SELECT count(*) FROM gone
            """;
    private static final String UNSOURCE_FACTS = """
            UPDATE memory_fact SET source_ids = array_remove(source_ids, ?) WHERE ? = ANY (source_ids)
            """;
    /**
     * Every summary of the message's conversation once one folded the message in (each version folds the one before
     * it): the conversation is summarised again from its start, without it.
     */
    private static final String DELETE_SUMMARIES_OF = """
            DELETE FROM conversation_summary s USING conversation_message m
            WHERE m.id = ? AND s.conversation_id = m.conversation_id
              AND EXISTS (SELECT 1 FROM conversation_summary f
                          WHERE f.conversation_id = m.conversation_id AND f.last_seq >= m.seq)
            """;
    private static final String EDIT = """
            UPDATE conversation_message SET content = ?, embedded = false, facts_checked = false
            WHERE id = ? AND role = 'user' AND content <> ?
            """;
    private static final String DELETE_REPLIES_TO = """
            WITH replies AS (DELETE FROM conversation_message WHERE in_reply_to = ANY (?) RETURNING id)
            DELETE FROM memory_embedding WHERE owner_kind = 'message' AND owner_id IN (SELECT id FROM replies)
            """;

    private final DataSource dataSource;
    private final Duration tombstoneLifetime;

    public MessageRepository(DataSource dataSource, MemoryConfig config) {
        this.dataSource = dataSource;
        this.tombstoneLifetime = config.erasure().tombstoneLifetime();
    }

    /**
     * Stores the turns not already there (by id), counts them as not yet summarised, and counts the new user turns
     * in their authors' profiles: three statements, one transaction, however many turns. Returns the new ids.
     */
    public Set<String> store(List<StoredMessage> turns) {
        Map<String, StoredMessage> byId = new LinkedHashMap<>();
        turns.forEach(turn -> byId.putIfAbsent(turn.id(), turn));
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                ErasureLock.forWriting(connection);
                lockConversations(connection, byId.values());
                Set<String> added = insert(connection, notErased(connection, byId.values()));
                List<StoredMessage> fresh = byId.values().stream().filter(turn -> added.contains(turn.id())).toList();
                progress(connection, fresh.stream().filter(turn -> turn.role() != Role.NOTICE).toList());
                seen(connection, fresh.stream().filter(turn -> turn.role() == Role.USER).toList());
                connection.commit();
                return added;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw SqlFailures.translate("storing " + byId.size() + " turns", e);
        }
    }

    private static void lockConversations(Connection connection, Collection<StoredMessage> turns)
            throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK_CONVERSATIONS)) {
            lock.setArray(1, column(connection, turns, turn -> turn.conversationId().toString()));
            lock.execute();
        }
    }

    /**
     * The turns an erasure has not caught: a user's turn sent before they were erased, and any reply to it or to
     * a turn the erasure removed, is dropped, and replies to dropped turns that came in first are removed.
     */
    private Collection<StoredMessage> notErased(Connection connection, Collection<StoredMessage> turns)
            throws SQLException {
        Map<String, Instant> tombstones = tombstones(connection, turns);
        if (tombstones.isEmpty()) {
            return turns;
        }
        Set<String> dropped = new HashSet<>();
        List<StoredMessage> kept = new ArrayList<>();
        for (StoredMessage turn : turns) {
            Instant erased = turn.role() == Role.USER
                    ? tombstones.get(ErasureLock.tombstone("user", turn.authorId())) : null;
            boolean answersErased = turn.inReplyTo() != null && (dropped.contains(turn.inReplyTo())
                    || tombstones.containsKey(ErasureLock.tombstone("message", turn.inReplyTo())));
            boolean deleted = tombstones.containsKey(ErasureLock.tombstone("message", turn.id()));
            if ((erased != null && !turn.occurredAt().isAfter(erased)) || answersErased || deleted) {
                dropped.add(turn.id());
            } else {
                kept.add(turn);
            }
        }
        if (!dropped.isEmpty()) {
            try (PreparedStatement bury = connection.prepareStatement(BURY);
                    PreparedStatement replies = connection.prepareStatement(DELETE_REPLIES_TO)) {
                bury.setLong(1, tombstoneLifetime.toSeconds());
                bury.setArray(2, connection.createArrayOf("text",
                        dropped.stream().map(id -> ErasureLock.tombstone("message", id)).toArray()));
                bury.executeUpdate();
                replies.setArray(1, connection.createArrayOf("text", dropped.toArray()));
                replies.executeUpdate();
            }
        }
        return kept;
    }

    private static Map<String, Instant> tombstones(Connection connection, Collection<StoredMessage> turns)
            throws SQLException {
        Set<String> keys = new HashSet<>();
        for (StoredMessage turn : turns) {
            if (turn.role() == Role.USER) {
                keys.add(ErasureLock.tombstone("user", turn.authorId()));
            }
            if (turn.inReplyTo() != null) {
                keys.add(ErasureLock.tombstone("message", turn.inReplyTo()));
            }
            keys.add(ErasureLock.tombstone("message", turn.id()));
        }
        Map<String, Instant> found = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(TOMBSTONES)) {
            query.setArray(1, connection.createArrayOf("text", keys.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.put(rows.getString("key"), rows.getTimestamp("forgotten_at").toInstant());
                }
            }
        }
        return found;
    }

    private static Set<String> insert(Connection connection, Collection<StoredMessage> turns) throws SQLException {
        if (turns.isEmpty()) {
            return Set.of();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setArray(1, column(connection, turns, StoredMessage::id));
            insert.setArray(2, column(connection, turns, turn -> turn.conversationId().toString()));
            insert.setArray(3, column(connection, turns, StoredMessage::scope));
            insert.setArray(4, column(connection, turns, turn -> turn.role().wireName()));
            insert.setArray(5, column(connection, turns, StoredMessage::authorId));
            insert.setArray(6, column(connection, turns, StoredMessage::authorName));
            insert.setArray(7, connection.createArrayOf("bool", turns.stream().map(StoredMessage::byBot).toArray()));
            insert.setArray(8, column(connection, turns, StoredMessage::content));
            insert.setArray(9, column(connection, turns, StoredMessage::inReplyTo));
            insert.setArray(10, column(connection, turns, StoredMessage::traceId));
            insert.setArray(11, connection.createArrayOf("timestamptz",
                    turns.stream().map(turn -> Timestamp.from(turn.occurredAt())).toArray()));
            insert.setArray(12, connection.createArrayOf("bool",
                    turns.stream().map(StoredMessage::mayHoldFacts).toArray()));
            insert.setArray(13, column(connection, turns, turn -> turn.answers().orElse(null)));
            Set<String> added = new HashSet<>();
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    added.add(rows.getString(1));
                }
            }
            return added;
        }
    }

    private static Array column(Connection connection, Collection<StoredMessage> turns,
            Function<StoredMessage, String> value) throws SQLException {
        return connection.createArrayOf("text", turns.stream().map(value).toArray());
    }

    /**
     * Counts the turns each conversation has waiting to be folded (notices are never folded). Rows are written in
     * key order, so that two batches touching the same rows cannot deadlock.
     */
    private static void progress(Connection connection, List<StoredMessage> fresh) throws SQLException {
        Map<String, Long> added = new TreeMap<>(fresh.stream()
                .collect(Collectors.groupingBy(turn -> turn.conversationId().toString(), Collectors.counting())));
        if (added.isEmpty()) {
            return;
        }
        Map<String, String> scopeOf = fresh.stream().collect(Collectors.toMap(turn -> turn.conversationId().toString(),
                StoredMessage::scope, (earlier, later) -> later));
        try (PreparedStatement upsert = connection.prepareStatement(PROGRESS)) {
            upsert.setArray(1, connection.createArrayOf("text", added.keySet().toArray()));
            upsert.setArray(2, connection.createArrayOf("text", added.keySet().stream().map(scopeOf::get).toArray()));
            upsert.setArray(3, connection.createArrayOf("int8", added.values().toArray()));
            upsert.executeUpdate();
        }
    }

    private static String jsonArray(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of names is always JSON", e);
        }
    }

    /** One profile's share of a batch: the names it used, in order, when first and last, how many turns. */
    private record Sighting(List<String> names, Instant first, Instant last, long turns) {
        static Sighting of(StoredMessage turn) {
            return new Sighting(List.of(turn.authorName()), turn.occurredAt(), turn.occurredAt(), 1);
        }

        Sighting and(Sighting later) {
            List<String> all = new ArrayList<>(names);
            later.names().stream().filter(name -> !all.contains(name)).forEach(all::add);
            return new Sighting(all, first.isBefore(later.first()) ? first : later.first(),
                    last.isAfter(later.last()) ? last : later.last(), turns + later.turns());
        }
    }

    private static void seen(Connection connection, List<StoredMessage> userTurns) throws SQLException {
        Map<List<String>, Sighting> sightings = new TreeMap<>(
                Comparator.<List<String>, String>comparing(key -> key.get(0)).thenComparing(key -> key.get(1)));
        for (StoredMessage turn : userTurns) {
            sightings.merge(List.of(turn.scope(), turn.authorId()), Sighting.of(turn),
                    Sighting::and);
        }
        if (sightings.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(SEEN)) {
            upsert.setArray(1, connection.createArrayOf("text", sightings.keySet().stream().map(key -> key.get(0)).toArray()));
            upsert.setArray(2, connection.createArrayOf("text", sightings.keySet().stream().map(key -> key.get(1)).toArray()));
            upsert.setArray(3, connection.createArrayOf("text", sightings.values().stream()
                    .map(sighting -> jsonArray(sighting.names())).toArray()));
            upsert.setArray(4, connection.createArrayOf("timestamptz", sightings.values().stream()
                    .map(sighting -> Timestamp.from(sighting.first())).toArray()));
            upsert.setArray(5, connection.createArrayOf("timestamptz", sightings.values().stream()
                    .map(sighting -> Timestamp.from(sighting.last())).toArray()));
            upsert.setArray(6, connection.createArrayOf("int8", sightings.values().stream()
                    .map(Sighting::turns).toArray()));
            upsert.executeUpdate();
        }
    }

    /** The newest {@code limit} messages of a conversation, returned oldest first. */
    public List<StoredMessage> recent(ConversationId conversationId, int limit) {
        List<StoredMessage> newestFirst = query("reading conversation " + conversationId, RECENT, query -> {
            query.setString(1, conversationId.toString());
            query.setInt(2, limit);
        });
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** The messages with these ids that are still stored, in no particular order. */
    public List<StoredMessage> byIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return query("reading recalled messages", BY_IDS, query -> query.setArray(1, textArray(query, ids)));
    }

    /** The turn just before each of the given turns (by id) in its conversation, where there is one. */
    public Map<String, StoredMessage> previous(Collection<String> ids) {
        Map<String, StoredMessage> found = new HashMap<>();
        if (!ids.isEmpty()) {
            eachRow("reading the turns before given turns", PREVIOUS, ids,
                    rows -> found.put(rows.getString("turn"), read(rows)));
        }
        return found;
    }

    /**
     * The turn each given turn follows on from: the one it answers where its conversation holds it (a persona's reply
     * and the message it answers, a member's reply and the message replied to, however much was said between), else
     * the turn just before it.
     */
    public Map<String, StoredMessage> before(Collection<StoredMessage> turns) {
        Map<String, StoredMessage> found = previous(turns.stream().map(StoredMessage::id).toList());
        Map<String, StoredMessage> answerable = byIds(turns.stream().flatMap(turn -> turn.answers().stream())
                .collect(Collectors.toSet())).stream().collect(Collectors.toMap(StoredMessage::id, turn -> turn));
        for (StoredMessage turn : turns) {
            turn.answers().map(answerable::get)
                    .filter(answered -> answered.conversationId().equals(turn.conversationId()))
                    .ifPresent(answered -> found.put(turn.id(), answered));
        }
        return found;
    }

    /**
     * A turn with its place beside the turn it was found around: −2 and −1 before it, 1 and 2 after it; 0 for a turn
     * linked to it by a reply, wherever it stands (the turn it answers, or one answering it).
     */
    public record Beside(String anchorId, int place, StoredMessage turn) {
        public boolean linkedByReply() {
            return place == 0;
        }
    }

    /** Turns read back with the turns beside them: {@link #around}. */
    public record Surroundings(List<StoredMessage> turns, List<Beside> beside) {
    }

    /**
     * The given turns still stored, and up to two turns on each side of each, and up to four linked to it by a reply,
     * in its conversation and scope.
     */
    public Surroundings around(Collection<String> ids) {
        List<StoredMessage> turns = new ArrayList<>();
        List<Beside> beside = new ArrayList<>();
        if (!ids.isEmpty()) {
            eachRow("reading recalled turns and the turns around them", AROUND, ids, rows -> {
                StoredMessage turn = read(rows);
                int place = rows.getInt("place");
                if (rows.wasNull()) {
                    turns.add(turn);
                } else {
                    beside.add(new Beside(rows.getString("anchor"), place, turn));
                }
            });
        }
        return new Surroundings(turns, beside);
    }

    private interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }

    private void eachRow(String doing, String sql, Collection<String> ids, RowReader reader) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setArray(1, textArray(query, ids));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        } catch (SQLException e) {
            throw SqlFailures.translate(doing, e);
        }
    }

    /** Everything a user wrote, in every conversation, oldest first. */
    public List<StoredMessage> byAuthor(String authorId) {
        return query("reading the messages of " + authorId, BY_AUTHOR, query -> {
            query.setString(1, authorId);
            query.setString(2, Role.USER.wireName());
        });
    }

    private static final String ERASE_OLD = """
            WITH old AS (SELECT id FROM conversation_message WHERE occurred_at < ? ORDER BY occurred_at LIMIT ?),
                 embeddings AS (DELETE FROM memory_embedding WHERE owner_kind = 'message'
                                AND owner_id IN (SELECT id FROM old))
            DELETE FROM conversation_message WHERE id IN (SELECT id FROM old)
            """;

    /**
     * Erases up to {@code most} turns that happened before {@code cutoff}, with their embeddings, and records it
     * in the deletion audit (counts only), in one transaction; returns how many went.
     */
    public int eraseOlderThan(Instant cutoff, int most) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement erase = connection.prepareStatement(ERASE_OLD);
                    PreparedStatement audit = connection.prepareStatement(
                            "INSERT INTO memory_deletion_audit (reason, counts) VALUES ('retention', ?::jsonb)")) {
                erase.setTimestamp(1, Timestamp.from(cutoff));
                erase.setInt(2, most);
                int erased = erase.executeUpdate();
                if (erased > 0) {
                    audit.setString(1, "{\"messages\":" + erased + "}");
                    audit.executeUpdate();
                }
                connection.commit();
                return erased;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw SqlFailures.translate("erasing turns older than " + cutoff, e);
        }
    }

    /** What an erasure removed: the audit row that records it, and how many of the user's own messages. */
    public record Erasure(long auditId, int messages) {
    }

    /**
     * Erases everything memory holds about a user, in one transaction: what they wrote, the replies that answered
     * it (they quote and echo what the user said), the embeddings of both, their profiles and facts, and the
     * summaries that folded in their turns (the conversation is summarised again from what is left). Records the
     * erasure in the audit, counts only.
     */
    public Erasure forget(String authorId) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                ErasureLock.forErasing(connection);
                bury(connection, authorId);
                int embeddings = update(connection, DELETE_EMBEDDINGS_OF_EXCHANGES, authorId, authorId)
                        + update(connection, "DELETE FROM memory_embedding WHERE user_id = ?", authorId);
                int replies = update(connection, DELETE_REPLIES_TO_AUTHOR, authorId);
                int messages = update(connection, DELETE_BY_AUTHOR, authorId);
                int profiles = update(connection, "DELETE FROM user_profile WHERE user_id = ?", authorId);
                int facts = update(connection, "DELETE FROM memory_fact WHERE user_id = ?", authorId);
                int summaries = update(connection, DELETE_SUMMARIES_WITH, authorId);
                update(connection, RESUMMARISE);
                long auditId;
                try (PreparedStatement audit = connection.prepareStatement(
                        "INSERT INTO memory_deletion_audit (reason, counts) VALUES ('user request', ?::jsonb) RETURNING id")) {
                    audit.setString(1, String.format("{\"messages\":%d,\"replies\":%d,\"embeddings\":%d,"
                            + "\"profiles\":%d,\"facts\":%d,\"summaries\":%d}", messages, replies, embeddings,
                            profiles, facts, summaries));
                    try (ResultSet row = audit.executeQuery()) {
                        row.next();
                        auditId = row.getLong(1);
                    }
                }
                connection.commit();
                return new Erasure(auditId, messages);
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw SqlFailures.translate("erasing what memory holds about " + authorId, e);
        }
    }

    /** Tombstones for the user and their recent turns; expired ones go. */
    private void bury(Connection connection, String authorId) throws SQLException {
        update(connection, "DELETE FROM memory_tombstone WHERE expires_at <= now()");
        try (PreparedStatement user = connection.prepareStatement(BURY);
                PreparedStatement turns = connection.prepareStatement(BURY_RECENT_TURNS)) {
            user.setLong(1, tombstoneLifetime.toSeconds());
            user.setArray(2, connection.createArrayOf("text", new Object[] {ErasureLock.tombstone("user", authorId)}));
            user.executeUpdate();
            turns.setLong(1, tombstoneLifetime.toSeconds());
            turns.setString(2, authorId);
            turns.setLong(3, tombstoneLifetime.toSeconds());
            turns.executeUpdate();
        }
    }

    private static int update(Connection connection, String sql, String... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            return statement.executeUpdate();
        }
    }

    /**
     * Erases a message its author deleted: the turn, its embedding, the facts resting on it alone (others no longer
     * cite it), the replies to it, and the summaries that folded it in (the conversation is summarised again).
     * A tombstone drops the message, and replies to it, should they arrive later. Returns whether it was stored.
     */
    public boolean forgetMessage(String id) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                ErasureLock.forErasing(connection);
                try (PreparedStatement bury = connection.prepareStatement(BURY)) {
                    bury.setLong(1, tombstoneLifetime.toSeconds());
                    bury.setArray(2, connection.createArrayOf("text",
                            new Object[] {ErasureLock.tombstone("message", id)}));
                    bury.executeUpdate();
                }
                update(connection, DELETE_SUMMARIES_OF, id);
                boolean stored;
                try (PreparedStatement delete = connection.prepareStatement(DELETE_MESSAGE)) {
                    delete.setString(1, id);
                    try (ResultSet rows = delete.executeQuery()) {
                        stored = rows.next() && rows.getLong(1) > 0;
                    }
                }
                update(connection, UNSOURCE_FACTS, id, id);
                try (PreparedStatement replies = connection.prepareStatement(DELETE_REPLIES_TO)) {
                    replies.setArray(1, connection.createArrayOf("text", new Object[] {id}));
                    replies.executeUpdate();
                }
                update(connection, RESUMMARISE);
                connection.commit();
                return stored;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw SqlFailures.translate("erasing a deleted message", e);
        }
    }

    /**
     * Remembers a message as its author edited it: the new text, embedded again and read again for facts (its
     * words are searched as they are now). Returns whether a stored message changed.
     */
    public boolean edit(String id, String content) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                ErasureLock.forWriting(connection);
                boolean changed = update(connection, EDIT, content, id, content) > 0;
                if (changed) {
                    update(connection, "DELETE FROM memory_embedding WHERE owner_kind = 'message' AND owner_id = ?",
                            id);
                }
                connection.commit();
                return changed;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw SqlFailures.translate("remembering an edited message", e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private List<StoredMessage> query(String what, String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            binder.bind(query);
            List<StoredMessage> messages = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    messages.add(read(rows));
                }
            }
            return messages;
        } catch (SQLException e) {
            throw SqlFailures.translate(what, e);
        }
    }

    static Array textArray(PreparedStatement statement, Collection<String> values) throws SQLException {
        return statement.getConnection().createArrayOf("text", values.toArray());
    }

    static StoredMessage read(ResultSet row) throws SQLException {
        return new StoredMessage(row.getString("id"), ConversationId.fromString(row.getString("conversation_id")),
                row.getString("scope"), Role.fromWireName(row.getString("role")), row.getString("author_id"), row.getString("author_name"),
                row.getBoolean("by_bot"), row.getString("content"), row.getString("in_reply_to"), row.getString("trace_id"),
                row.getTimestamp("occurred_at").toInstant());
    }
}
