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
import java.util.Comparator;
import java.util.List;
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
    private static final String INSERT_WITH_PGVECTOR = """
            INSERT INTO memory_embedding (owner_kind, owner_id, scope, user_id, vector, embedding)
            SELECT ?, ?, ?, ?, ?, ?::vector
            WHERE ? <> 'message' OR EXISTS (SELECT 1 FROM conversation_message WHERE id = ?)
            ON CONFLICT (owner_kind, owner_id) DO NOTHING
            """;
    private static final String FILL = """
            UPDATE memory_embedding SET embedding = ?::vector WHERE owner_kind = ? AND owner_id = ?
            """;
    private static final String UNFILLED = """
            SELECT owner_kind, owner_id, vector FROM memory_embedding WHERE embedding IS NULL LIMIT ?
            """;
    /** Relaxed order: the index keeps looking past rows of other scopes until it has enough (pgvector 0.8). */
    private static final String NEAREST = """
            SELECT owner_kind, owner_id, 1 - (embedding <=> ?::vector) AS similarity
            FROM memory_embedding
            WHERE scope = ? AND embedding IS NOT NULL
            ORDER BY embedding <=> ?::vector
            LIMIT ?
            """;
    /** Every vector of the scope compared, without the index: for when the index gave up too early. */
    private static final String NEAREST_EXACTLY = """
            WITH scoped AS MATERIALIZED (
                SELECT owner_kind, owner_id, embedding FROM memory_embedding
                WHERE scope = ? AND embedding IS NOT NULL
            )
            SELECT owner_kind, owner_id, 1 - (embedding <=> ?::vector) AS similarity
            FROM scoped
            ORDER BY embedding <=> ?::vector
            LIMIT ?
            """;
    private static final String SINCE = """
            SELECT e.seq, e.owner_kind, e.owner_id, e.vector, m.content, m.occurred_at, m.conversation_id
            FROM memory_embedding e
            LEFT JOIN conversation_message m
                   ON e.owner_kind = 'message' AND m.id = e.owner_id AND m.role IN ('user', 'persona')
            WHERE e.scope = ? AND e.seq > ?
            ORDER BY e.seq
            LIMIT ?
            """;

    private final DataSource dataSource;
    private final VectorColumn vectorColumn;

    public EmbeddingRepository(DataSource dataSource, VectorColumn vectorColumn) {
        this.dataSource = dataSource;
        this.vectorColumn = vectorColumn;
    }

    /** One embedding to store: {@code userId} is whom it is about or by, when anyone. */
    public record NewEmbedding(String ownerKind, String ownerId, String scope, String userId, float[] vector) {
    }

    /** One stored embedding, as recall reads it back. */
    public record StoredEmbedding(long seq, String ownerKind, String ownerId, float[] vector) {
    }

    /**
     * An embedding with what a search needs of its owner: a turn's words, when and in which conversation it was said
     * (other owners have none of these).
     */
    public record Searchable(long seq, String ownerKind, String ownerId, float[] vector, String words, Instant at,
            String conversationId) {
    }

    /** Stores the batch in one transaction; an owner already embedded keeps its embedding. */
    public void store(List<NewEmbedding> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            boolean pgvector = vectorColumn.present();
            try (PreparedStatement insert = connection.prepareStatement(pgvector ? INSERT_WITH_PGVECTOR : INSERT)) {
                ErasureLock.forWriting(connection);
                for (NewEmbedding embedding : batch) {
                    int next = 1;
                    insert.setString(next++, embedding.ownerKind());
                    insert.setString(next++, embedding.ownerId());
                    insert.setString(next++, embedding.scope());
                    insert.setString(next++, embedding.userId());
                    insert.setBytes(next++, bytes(embedding.vector()));
                    if (pgvector) {
                        insert.setString(next++, VectorColumn.literal(embedding.vector()));
                    }
                    insert.setString(next++, embedding.ownerKind());
                    insert.setString(next, embedding.ownerId());
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
                    found.add(new Searchable(rows.getLong("seq"), rows.getString("owner_kind"),
                            rows.getString("owner_id"), floats(rows.getBytes("vector")), rows.getString("content"),
                            at == null ? null : at.toInstant(), rows.getString("conversation_id")));
                }
            }
            return found;
        } catch (SQLException e) {
            throw SqlFailures.translate("reading the embeddings of " + scope, e);
        }
    }

    /** With pgvector: gives up to {@code most} embeddings stored without its column their value; returns how many. */
    public int fillVectorColumn(int most) {
        if (!vectorColumn.present()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(UNFILLED)) {
            query.setInt(1, most);
            List<StoredEmbedding> unfilled = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    unfilled.add(new StoredEmbedding(0, rows.getString("owner_kind"), rows.getString("owner_id"),
                            floats(rows.getBytes("vector"))));
                }
            }
            fill(connection, unfilled);
            return unfilled.size();
        } catch (SQLException e) {
            throw SqlFailures.translate("filling the vector column", e);
        }
    }

    static void fill(Connection connection, List<StoredEmbedding> embeddings) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(FILL)) {
            for (StoredEmbedding embedding : embeddings) {
                update.setString(1, VectorColumn.literal(embedding.vector()));
                update.setString(2, embedding.ownerKind());
                update.setString(3, embedding.ownerId());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /**
     * With pgvector: the scope's {@code limit} embeddings most similar to {@code query}, best first. The HNSW
     * index answers first; a filtered index scan can stop before it has found {@code limit} rows of the scope,
     * and then the scope's vectors are compared one by one.
     */
    public List<ScoredEmbedding> nearest(String scope, float[] query, int limit) {
        String literal = VectorColumn.literal(query);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement relaxed = connection.prepareStatement("SET LOCAL hnsw.iterative_scan = relaxed_order");
                    PreparedStatement indexed = connection.prepareStatement(NEAREST);
                    PreparedStatement exact = connection.prepareStatement(NEAREST_EXACTLY)) {
                relaxed.execute();
                indexed.setString(1, literal);
                indexed.setString(2, scope);
                indexed.setString(3, literal);
                indexed.setInt(4, limit);
                List<ScoredEmbedding> found = scored(indexed);
                if (found.size() < limit) {
                    exact.setString(1, scope);
                    exact.setString(2, literal);
                    exact.setString(3, literal);
                    exact.setInt(4, limit);
                    found = scored(exact);
                }
                connection.commit();
                found.sort(Comparator.comparingDouble((ScoredEmbedding e) -> e.owner().score()).reversed());
                return found;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw SqlFailures.translate("searching the embeddings of " + scope, e);
        }
    }

    private static List<ScoredEmbedding> scored(PreparedStatement search) throws SQLException {
        List<ScoredEmbedding> found = new ArrayList<>();
        try (ResultSet rows = search.executeQuery()) {
            while (rows.next()) {
                found.add(new ScoredEmbedding(rows.getString("owner_kind"),
                        new ScoredId(rows.getString("owner_id"), rows.getDouble("similarity"))));
            }
        }
        return found;
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
