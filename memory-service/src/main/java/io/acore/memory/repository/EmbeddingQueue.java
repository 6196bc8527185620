package io.acore.memory.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/** The turns waiting for their embedding: the table is the queue ({@code conversation_message.embedded}). */
@ApplicationScoped
public class EmbeddingQueue {
    /**
     * The queue is divided into this many shards of scopes, a scope's turns always in the same one, so that replicas
     * can embed side by side while each scope's embeddings are still stored one batch after another.
     */
    public static final int SHARDS = 16;
    private static final String SHARD_OF_SCOPE = "mod(hashtext(scope) & 2147483647, " + SHARDS + ")";
    private static final String TO_EMBED = "SELECT " + MessageRepository.COLUMNS + """
             FROM conversation_message
            WHERE NOT embedded AND %s = ?
            ORDER BY seq
            LIMIT ?
            """.formatted(SHARD_OF_SCOPE);
    private static final String SHARDS_TO_EMBED = """
            SELECT shard FROM (
                SELECT %s AS shard, seq FROM conversation_message WHERE NOT embedded ORDER BY seq LIMIT ?
            ) AS waiting
            GROUP BY shard
            ORDER BY min(seq)
            """.formatted(SHARD_OF_SCOPE);
    private static final String EMBEDDED = "UPDATE conversation_message SET embedded = true WHERE id = ANY (?)";

    private final DataSource dataSource;

    public EmbeddingQueue(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The oldest turns of a shard whose embedding is still to be computed. */
    public List<StoredMessage> toEmbed(int shard, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(TO_EMBED)) {
            query.setInt(1, shard);
            query.setInt(2, limit);
            List<StoredMessage> found = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(MessageRepository.read(rows));
                }
            }
            return found;
        } catch (SQLException e) {
            throw SqlFailures.translate("reading turns to embed", e);
        }
    }

    /** The shards that hold any of the {@code oldest} turns waiting for their embedding, the oldest turn's first. */
    public List<Integer> shardsToEmbed(int oldest) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(SHARDS_TO_EMBED)) {
            query.setInt(1, oldest);
            List<Integer> shards = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    shards.add(rows.getInt(1));
                }
            }
            return shards;
        } catch (SQLException e) {
            throw SqlFailures.translate("reading the shards of turns to embed", e);
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

    /** The turns are embedded (or not worth embedding): they leave the queue. */
    public void markEmbedded(Collection<String> ids) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(EMBEDDED)) {
            update.setArray(1, MessageRepository.textArray(update, ids));
            update.executeUpdate();
        } catch (SQLException e) {
            throw SqlFailures.translate("marking turns embedded", e);
        }
    }
}
