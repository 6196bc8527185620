package io.acore.memory.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/** Embeddings of what memory holds, by scope, in the order they were stored. */
@ApplicationScoped
public class EmbeddingRepository {
    /** A turn erased while its embedding was being computed gets none. */
    private static final String INSERT = """
            INSERT INTO memory_embedding (owner_kind, owner_id, scope, user_id, vector)
            SELECT ?, ?, ?, ?, ?
            WHERE ? <> 'message' OR EXISTS (SELECT 1 FROM conversation_message WHERE id = ?)
            ON CONFLICT (owner_kind, owner_id) DO NOTHING
            """;
    private static final String SINCE = """
            SELECT e.seq, e.owner_kind, e.owner_id, e.vector, e.user_id, m.content, m.occurred_at, m.conversation_id,
                   m.in_reply_to, q.author_id AS asker_id
            FROM memory_embedding e
            LEFT JOIN conversation_message m
                   ON e.owner_kind = 'message' AND m.id = e.owner_id AND m.role IN ('user', 'persona')
            LEFT JOIN conversation_message q ON q.id = m.in_reply_to
            WHERE e.scope = ? AND e.seq > ?
            ORDER BY e.seq
            LIMIT ?
            """;

    private final DataSource dataSource;

    public EmbeddingRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One embedding to store: {@code userId} is whom it is about or by, when anyone. */
    public record NewEmbedding(String ownerKind, String ownerId, String scope, String userId, float[] vector) {
    }

    /**
     * An embedding with what a search needs of its owner: a turn's words, when and in which conversation it was said
     * (other owners have none of these); and what an erasure goes by: the turn it answers and the users it concerns
     * (whom it is by or about, and for a reply the user it answers).
     */
    public record Searchable(long seq, String ownerKind, String ownerId, float[] vector, String words, Instant at,
            String conversationId, String inReplyTo, Set<String> users) {
    }

    /** Stores the batch in one transaction; an owner already embedded keeps its embedding. */
    public void store(List<NewEmbedding> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                ErasureLock.forWriting(connection);
                for (NewEmbedding embedding : batch) {
                    insert.setString(1, embedding.ownerKind());
                    insert.setString(2, embedding.ownerId());
                    insert.setString(3, embedding.scope());
                    insert.setString(4, embedding.userId());
                    insert.setBytes(5, bytes(embedding.vector()));
                    insert.setString(6, embedding.ownerKind());
                    insert.setString(7, embedding.ownerId());
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw SqlFailures.translate("storing " + batch.size() + " embeddings", e);
        }
    }

    /** At most {@code most} of the scope's embeddings stored after {@code afterSeq}, oldest first. */
    public List<Searchable> since(String scope, long afterSeq, int most) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(SINCE)) {
            query.setString(1, scope);
            query.setLong(2, afterSeq);
            query.setInt(3, most);
            query.setFetchSize(2_000);
            List<Searchable> found = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Timestamp at = rows.getTimestamp("occurred_at");
                    Set<String> users = new HashSet<>(2);
                    addPresent(users, rows.getString("user_id"));
                    addPresent(users, rows.getString("asker_id"));
                    found.add(new Searchable(rows.getLong("seq"), rows.getString("owner_kind"),
                            rows.getString("owner_id"), floats(rows.getBytes("vector")), rows.getString("content"),
                            at == null ? null : at.toInstant(), rows.getString("conversation_id"),
                            rows.getString("in_reply_to"), users));
                }
            }
            return found;
        } catch (SQLException e) {
            throw SqlFailures.translate("reading the embeddings of " + scope, e);
        }
    }

    private static void addPresent(Set<String> users, String user) {
        if (user != null) {
            users.add(user);
        }
    }

    static byte[] bytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    static float[] floats(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
