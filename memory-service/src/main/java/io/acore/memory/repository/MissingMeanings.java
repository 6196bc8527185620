package io.acore.memory.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Facts and episodes stored without the embedding of what they say: those kept before a change of embedding model
 * cleared them (or made before they had one), whose meanings are filled in the background.
 */
@ApplicationScoped
public class MissingMeanings {
    private static final String FACTS = "SELECT id, content FROM memory_fact WHERE vector IS NULL ORDER BY id LIMIT ?";
    private static final String FACT_MEANING = "UPDATE memory_fact SET vector = ? WHERE id = ? AND vector IS NULL";
    private static final String EPISODES = """
            SELECT conversation_id, version, episode FROM conversation_summary
            WHERE episode IS NOT NULL AND episode_vector IS NULL
            ORDER BY conversation_id, version LIMIT ?
            """;
    private static final String EPISODE_MEANING = """
            UPDATE conversation_summary SET episode_vector = ?
            WHERE conversation_id = ? AND version = ? AND episode_vector IS NULL
            """;

    private final DataSource dataSource;

    public MissingMeanings(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A fact or an episode without its meaning, and what it says. */
    public sealed interface Missing permits MissingFact, MissingEpisode {
        String text();
    }

    public record MissingFact(long id, String text) implements Missing {
    }

    public record MissingEpisode(String conversationId, int version, String text) implements Missing {
    }

    /** Up to {@code limit} facts and episodes without a meaning, the facts first. */
    public List<Missing> waiting(int limit) {
        try (Connection connection = dataSource.getConnection()) {
            List<Missing> missing = new ArrayList<>(read(connection, FACTS, limit,
                    rows -> new MissingFact(rows.getLong("id"), rows.getString("content"))));
            if (missing.size() < limit) {
                missing.addAll(read(connection, EPISODES, limit - missing.size(), rows -> new MissingEpisode(
                        rows.getString("conversation_id"), rows.getInt("version"), rows.getString("episode"))));
            }
            return missing;
        } catch (SQLException e) {
            throw SqlFailures.translate("reading facts and episodes without their meaning", e);
        }
    }

    /** Stores each one's meaning, in order, unless it has one by now. */
    public void fill(List<Missing> missing, List<float[]> meanings) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement facts = connection.prepareStatement(FACT_MEANING);
                PreparedStatement episodes = connection.prepareStatement(EPISODE_MEANING)) {
            for (int i = 0; i < missing.size(); i++) {
                byte[] meaning = EmbeddingRepository.bytes(meanings.get(i));
                if (missing.get(i) instanceof MissingFact fact) {
                    facts.setBytes(1, meaning);
                    facts.setLong(2, fact.id());
                    facts.addBatch();
                } else if (missing.get(i) instanceof MissingEpisode episode) {
                    episodes.setBytes(1, meaning);
                    episodes.setString(2, episode.conversationId());
                    episodes.setInt(3, episode.version());
                    episodes.addBatch();
                }
            }
            facts.executeBatch();
            episodes.executeBatch();
        } catch (SQLException e) {
            throw SqlFailures.translate("storing facts' and episodes' meanings", e);
        }
    }

    private interface Row<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private static <T> List<T> read(Connection connection, String sql, int limit, Row<T> row) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setInt(1, limit);
            List<T> found = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(row.read(rows));
                }
            }
            return found;
        }
    }
}
