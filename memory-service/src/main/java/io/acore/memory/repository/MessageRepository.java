package io.acore.memory.repository;

import io.acore.events.ConversationId;
import io.acore.events.Role;
import io.acore.memory.service.MemoryScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/** Conversation history in PostgreSQL, and the profiles its user turns keep up to date. */
@ApplicationScoped
public class MessageRepository {
    private static final String COLUMNS =
            "id, conversation_id, role, author_id, author_name, content, in_reply_to, trace_id, occurred_at";
    private static final String INSERT = """
            INSERT INTO conversation_message
                (id, conversation_id, scope, role, author_id, author_name, content, in_reply_to, trace_id, occurred_at,
                 facts_checked)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO NOTHING
            """;
    private static final String PROGRESS = """
            INSERT INTO conversation_progress (conversation_id, scope, unsummarised) VALUES (?, ?, 1)
            ON CONFLICT (conversation_id) DO UPDATE SET unsummarised = conversation_progress.unsummarised + 1
            """;
    private static final String SEEN = """
            INSERT INTO user_profile (scope, user_id, display_names, first_seen, last_seen, message_count)
            VALUES (?, ?, ARRAY[?], ?, ?, 1)
            ON CONFLICT (scope, user_id) DO UPDATE SET
                display_names = CASE WHEN EXCLUDED.display_names[1] = ANY (user_profile.display_names)
                    THEN user_profile.display_names ELSE user_profile.display_names || EXCLUDED.display_names END,
                first_seen = LEAST(user_profile.first_seen, EXCLUDED.first_seen),
                last_seen = GREATEST(user_profile.last_seen, EXCLUDED.last_seen),
                message_count = user_profile.message_count + 1
            """;
    private static final String RECENT = "SELECT " + COLUMNS + """
             FROM conversation_message
            WHERE conversation_id = ?
            ORDER BY occurred_at DESC, seq DESC
            LIMIT ?
            """;
    private static final String BY_IDS = "SELECT " + COLUMNS + " FROM conversation_message WHERE id = ANY (?)";
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
                unsummarised = (SELECT count(*) FROM conversation_message m WHERE m.conversation_id = p.conversation_id)
            WHERE NOT EXISTS (SELECT 1 FROM conversation_summary s WHERE s.conversation_id = p.conversation_id)
              AND p.summarised_seq > 0
            """;
    private static final String KEYWORDS = """
            SELECT id, ts_rank_cd(words, query) AS rank
            FROM conversation_message, to_tsquery('english', ?) AS query
            WHERE scope = ? AND words @@ query AND role IN ('user', 'persona')
            ORDER BY rank DESC
            LIMIT ?
            """;
    private static final String TO_EMBED = "SELECT " + COLUMNS + ", scope" + """
             FROM conversation_message
            WHERE NOT embedded
            ORDER BY seq
            LIMIT ?
            """;
    private static final String EMBEDDED = "UPDATE conversation_message SET embedded = true WHERE id = ANY (?)";

    private final DataSource dataSource;

    public MessageRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores the message unless one with the same id is already there, counts it as not yet summarised, and counts
     * a new user turn in its author's profile, in one transaction; returns whether it was new.
     */
    public boolean store(StoredMessage message) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                String scope = MemoryScope.of(message.conversationId());
                insert.setString(1, message.id());
                insert.setString(2, message.conversationId().toString());
                insert.setString(3, scope);
                insert.setString(4, message.role().wireName());
                insert.setString(5, message.authorId());
                insert.setString(6, message.authorName());
                insert.setString(7, message.content());
                insert.setString(8, message.inReplyTo());
                insert.setString(9, message.traceId());
                insert.setTimestamp(10, Timestamp.from(message.occurredAt()));
                insert.setBoolean(11, message.role() != Role.USER); // only what users say about themselves
                boolean stored = insert.executeUpdate() == 1;
                if (stored) {
                    update(connection, PROGRESS, message.conversationId().toString(), scope);
                }
                if (stored && message.role() == Role.USER) {
                    seen(connection, scope, message);
                }
                connection.commit();
                return stored;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw SqlFailures.translate("storing message " + message.id(), e);
        }
    }

    private static void seen(Connection connection, String scope, StoredMessage message) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(SEEN)) {
            Timestamp at = Timestamp.from(message.occurredAt());
            upsert.setString(1, scope);
            upsert.setString(2, message.authorId());
            upsert.setString(3, message.authorName());
            upsert.setTimestamp(4, at);
            upsert.setTimestamp(5, at);
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

    private static int update(Connection connection, String sql, String... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            return statement.executeUpdate();
        }
    }

    /**
     * Turns of the scope that share words with {@code words} (any of them, stemmed, stop words ignored), best
     * first. {@code words} holds letters, digits and spaces only.
     */
    public List<ScoredId> keywordMatches(String scope, List<String> words, int limit) {
        if (words.isEmpty()) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(KEYWORDS)) {
            query.setString(1, String.join(" | ", words));
            query.setString(2, scope);
            query.setInt(3, limit);
            List<ScoredId> found = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(new ScoredId(rows.getString("id"), rows.getDouble("rank")));
                }
            }
            return found;
        } catch (SQLException e) {
            throw SqlFailures.translate("searching scope " + scope, e);
        }
    }

    /** The oldest turns whose embedding is still to be computed, with their scope. */
    public List<ScopedMessage> toEmbed(int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(TO_EMBED)) {
            query.setInt(1, limit);
            List<ScopedMessage> found = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(new ScopedMessage(rows.getString("scope"), read(rows)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw SqlFailures.translate("reading turns to embed", e);
        }
    }

    /** How many turns wait for their embedding. */
    public long countToEmbed() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT count(*) FROM conversation_message WHERE NOT embedded");
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw SqlFailures.translate("counting turns to embed", e);
        }
    }

    public void markEmbedded(Collection<String> ids) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(EMBEDDED)) {
            update.setArray(1, textArray(update, ids));
            update.executeUpdate();
        } catch (SQLException e) {
            throw SqlFailures.translate("marking turns embedded", e);
        }
    }

    /** A turn with the scope it was stored under. */
    public record ScopedMessage(String scope, StoredMessage message) {
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

    private static StoredMessage read(ResultSet row) throws SQLException {
        return new StoredMessage(row.getString("id"), ConversationId.fromString(row.getString("conversation_id")),
                Role.fromWireName(row.getString("role")), row.getString("author_id"), row.getString("author_name"),
                row.getString("content"), row.getString("in_reply_to"), row.getString("trace_id"),
                row.getTimestamp("occurred_at").toInstant());
    }
}
