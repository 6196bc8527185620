package io.acore.memory.repository;

import io.acore.events.ConversationId;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Conversations' rolling summaries, one version per fold, and how far each conversation's summary has got. */
@ApplicationScoped
public class SummaryRepository {
    private static final String LATEST = """
            SELECT version, content, last_seq, user_ids, coalesce(until_at, created_at) AS until FROM conversation_summary
            WHERE conversation_id = ?
            ORDER BY version DESC LIMIT 1
            """;
    private static final String DUE = """
            SELECT conversation_id FROM conversation_progress
            WHERE unsummarised >= ? AND (retry_after IS NULL OR retry_after <= now())
            ORDER BY unsummarised DESC LIMIT ?
            """;
    /** The wait doubles with each failure in a row, from {@code first} up to {@code longest}. */
    private static final String FAILED = """
            UPDATE conversation_progress SET failed_folds = failed_folds + 1,
                retry_after = now() + LEAST(make_interval(secs => ?) * power(2, LEAST(failed_folds, 20)),
                                            make_interval(secs => ?))
            WHERE conversation_id = ?
            """;
    /** What a summary folds: what people and personas said, never notices. */
    private static final String FOLDABLE = "role IN ('user', 'persona')";
    private static final String AFTER = """
            SELECT seq, scope, author_id, author_name, content, occurred_at FROM conversation_message
            WHERE conversation_id = ? AND seq > ? AND %s
            ORDER BY seq
            LIMIT ?
            """.formatted(FOLDABLE);
    private static final String INSERT = """
            INSERT INTO conversation_summary (conversation_id, version, scope, content, first_seq, last_seq, user_ids,
                                              until_at, episode, from_at, episode_vector)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (conversation_id, version) DO NOTHING
            """;
    private static final String FOLDED = """
            UPDATE conversation_progress SET summarised_seq = ?, unsummarised = GREATEST(0, unsummarised - ?),
                failed_folds = 0, retry_after = NULL
            WHERE conversation_id = ?
            """;

    private static final String EPISODES = """
            SELECT version, episode, from_at, until_at, episode_vector FROM conversation_summary
            WHERE conversation_id = ? AND episode IS NOT NULL
            ORDER BY version DESC LIMIT ?
            """;

    private final DataSource dataSource;

    public SummaryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * A version of a conversation's summary: what it says, the newest turn it folds in and when that was said
     * ({@code until}), whose turns it holds.
     */
    public record Summary(int version, String content, long lastSeq, Instant until, List<String> userIds) {
        public static final Summary NONE = new Summary(0, "", 0, null, List.of());
    }

    /**
     * What one fold's own stretch of turns was about, said from {@code from} until {@code until}, with the embedding
     * of what it tells ({@code vector}, a unit vector).
     */
    public record Episode(String content, Instant from, Instant until, float[] vector) {
    }

    /** A turn to fold into a summary, said at {@code at}. */
    public record Turn(long seq, String scope, String authorId, String authorName, String content, Instant at) {
    }

    /** The newest summary of the conversation, if one was made. */
    public Optional<Summary> latest(ConversationId conversationId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(LATEST)) {
            query.setString(1, conversationId.toString());
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Summary(rows.getInt("version"), rows.getString("content"),
                        rows.getLong("last_seq"), rows.getTimestamp("until").toInstant(),
                        List.of((String[]) rows.getArray("user_ids").getArray())));
            }
        } catch (SQLException e) {
            throw SqlFailures.translate("reading the summary of " + conversationId, e);
        }
    }

    /** The conversation's {@code most} newest episodes, newest first. */
    public List<Episode> episodes(ConversationId conversationId, int most) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(EPISODES)) {
            query.setString(1, conversationId.toString());
            query.setInt(2, most);
            List<Episode> episodes = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    episodes.add(new Episode(rows.getString("episode"), rows.getTimestamp("from_at").toInstant(),
                            rows.getTimestamp("until_at").toInstant(),
                            EmbeddingRepository.floats(rows.getBytes("episode_vector"))));
                }
            }
            return episodes;
        } catch (SQLException e) {
            throw SqlFailures.translate("reading the episodes of " + conversationId, e);
        }
    }

    /**
     * A fold of the conversation failed: it is not due again for {@code first}, doubled for each failure in a row
     * before this one, at most {@code longest}.
     */
    public void foldFailed(ConversationId conversationId, Duration first, Duration longest) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(FAILED)) {
            update.setDouble(1, first.toMillis() / 1000.0);
            update.setDouble(2, longest.toMillis() / 1000.0);
            update.setString(3, conversationId.toString());
            update.executeUpdate();
        } catch (SQLException e) {
            throw SqlFailures.translate("putting off the summary of " + conversationId, e);
        }
    }

    /**
     * Conversations with at least {@code unsummarised} turns not yet summarised and not waiting after a failed fold,
     * the most behind first.
     */
    public List<ConversationId> due(int unsummarised, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(DUE)) {
            query.setInt(1, unsummarised);
            query.setInt(2, limit);
            List<ConversationId> due = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    due.add(ConversationId.fromString(rows.getString(1)));
                }
            }
            return due;
        } catch (SQLException e) {
            throw SqlFailures.translate("finding conversations to summarise", e);
        }
    }

    /** The conversation's oldest {@code most} user and persona turns after {@code seq}, oldest first. */
    public List<Turn> turnsAfter(ConversationId conversationId, long seq, int most) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(AFTER)) {
            query.setString(1, conversationId.toString());
            query.setLong(2, seq);
            query.setInt(3, most);
            List<Turn> turns = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    turns.add(new Turn(rows.getLong("seq"), rows.getString("scope"), rows.getString("author_id"),
                            rows.getString("author_name"), rows.getString("content"),
                            rows.getTimestamp("occurred_at").toInstant()));
                }
            }
            return turns;
        } catch (SQLException e) {
            throw SqlFailures.translate("reading turns of " + conversationId, e);
        }
    }

    private static final String UNCHANGED = """
            SELECT (SELECT count(*) FROM conversation_message
                    WHERE conversation_id = ? AND seq BETWEEN ? AND ? AND %s) = ?
               AND (SELECT coalesce(max(version), 0) FROM conversation_summary WHERE conversation_id = ?) = ?
            """.formatted(FOLDABLE);

    private static boolean unchanged(Connection connection, ConversationId conversationId, Summary next,
            long firstSeq, int folded) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(UNCHANGED)) {
            query.setString(1, conversationId.toString());
            query.setLong(2, firstSeq);
            query.setLong(3, next.lastSeq());
            query.setLong(4, folded);
            query.setString(5, conversationId.toString());
            query.setInt(6, next.version() - 1);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    /**
     * Stores the next version and moves the conversation's progress past {@code folded} turns, in one transaction;
     * returns false when another process stored that version first, or when what it was made from changed
     * meanwhile (an erasure removed folded turns or the version before it): it is made again from what is left.
     * {@code episode}: what the folded turns alone were about, when the model told it.
     */
    public boolean save(ConversationId conversationId, String scope, Summary next, Optional<Episode> episode,
            long firstSeq, int folded, Collection<String> userIds) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT);
                    PreparedStatement progress = connection.prepareStatement(FOLDED)) {
                ErasureLock.forWriting(connection);
                if (!unchanged(connection, conversationId, next, firstSeq, folded)) {
                    connection.rollback();
                    return false;
                }
                insert.setString(1, conversationId.toString());
                insert.setInt(2, next.version());
                insert.setString(3, scope);
                insert.setString(4, next.content());
                insert.setLong(5, firstSeq);
                insert.setLong(6, next.lastSeq());
                insert.setArray(7, connection.createArrayOf("text", userIds.toArray()));
                insert.setTimestamp(8, next.until() == null ? null : Timestamp.from(next.until()));
                insert.setString(9, episode.map(Episode::content).orElse(null));
                insert.setTimestamp(10, episode.map(told -> Timestamp.from(told.from())).orElse(null));
                insert.setBytes(11, episode.map(told -> EmbeddingRepository.bytes(told.vector())).orElse(null));
                if (insert.executeUpdate() == 0) {
                    connection.rollback();
                    return false;
                }
                progress.setLong(1, next.lastSeq());
                progress.setInt(2, folded);
                progress.setString(3, conversationId.toString());
                progress.executeUpdate();
                connection.commit();
                return true;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw SqlFailures.translate("storing a summary of " + conversationId, e);
        }
    }
}
