package io.acore.memory.repository;

import io.acore.memory.service.MemoryScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The operator's documents, chunked, each chunk with its embedding (scope {@code *}: recalled everywhere). A
 * chunk's id holds its file's content hash, so a changed file's chunks are new rows and the old ones go.
 */
@ApplicationScoped
public class DocumentRepository {
    private static final String INDEXED = "SELECT DISTINCT path, file_hash FROM memory_document_chunk";
    private static final String INSERT_CHUNK = """
            INSERT INTO memory_document_chunk (id, path, file_hash, chunk_index, content) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (id) DO NOTHING
            """;
    private static final String INSERT_EMBEDDING = """
            INSERT INTO memory_embedding (owner_kind, owner_id, scope, vector) VALUES ('document', ?, ?, ?)
            ON CONFLICT (owner_kind, owner_id) DO NOTHING
            """;
    private static final String DELETE_OTHER_VERSIONS = """
            WITH gone AS (DELETE FROM memory_document_chunk WHERE path = ? AND file_hash <> ? RETURNING id)
            DELETE FROM memory_embedding WHERE owner_kind = 'document' AND owner_id IN (SELECT id FROM gone)
            """;
    private static final String BY_IDS = """
            SELECT id, path, content, indexed_at FROM memory_document_chunk WHERE id = ANY (?)
            """;

    private final DataSource dataSource;

    public DocumentRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One chunk of a document as recall returns it. */
    public record Chunk(String id, String path, String content, Instant indexedAt) {
    }

    /** Every indexed file with the hash of the content it was indexed from. */
    public Map<String, String> indexed() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(INDEXED);
                ResultSet rows = query.executeQuery()) {
            Map<String, String> files = new HashMap<>();
            while (rows.next()) {
                files.put(rows.getString("path"), rows.getString("file_hash"));
            }
            return files;
        } catch (SQLException e) {
            throw SqlFailures.translate("reading the indexed documents", e);
        }
    }

    /**
     * Makes {@code chunks} (with their {@code vectors}, in order) the file's only chunks, in one transaction.
     * Replicas indexing the same file at once store the same rows once.
     */
    public void replace(String path, String fileHash, List<String> chunks, List<float[]> vectors) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement chunk = connection.prepareStatement(INSERT_CHUNK);
                    PreparedStatement embedding = connection.prepareStatement(INSERT_EMBEDDING);
                    PreparedStatement others = connection.prepareStatement(DELETE_OTHER_VERSIONS)) {
                for (int i = 0; i < chunks.size(); i++) {
                    String id = fileHash + ":" + i;
                    chunk.setString(1, id);
                    chunk.setString(2, path);
                    chunk.setString(3, fileHash);
                    chunk.setInt(4, i);
                    chunk.setString(5, chunks.get(i));
                    chunk.addBatch();
                    embedding.setString(1, id);
                    embedding.setString(2, MemoryScope.EVERYWHERE);
                    embedding.setBytes(3, EmbeddingRepository.bytes(vectors.get(i)));
                    embedding.addBatch();
                }
                chunk.executeBatch();
                embedding.executeBatch();
                others.setString(1, path);
                others.setString(2, fileHash);
                others.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw SqlFailures.translate("indexing " + path, e);
        }
    }

    /** Forgets a file that is no longer there. */
    public void remove(String path) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(DELETE_OTHER_VERSIONS)) {
            delete.setString(1, path);
            delete.setString(2, "");
            delete.executeUpdate();
        } catch (SQLException e) {
            throw SqlFailures.translate("removing " + path, e);
        }
    }

    public List<Chunk> byIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(BY_IDS)) {
            query.setArray(1, connection.createArrayOf("text", ids.toArray()));
            List<Chunk> found = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(new Chunk(rows.getString("id"), rows.getString("path"), rows.getString("content"),
                            rows.getTimestamp("indexed_at").toInstant()));
                }
            }
            return found;
        } catch (SQLException e) {
            throw SqlFailures.translate("reading recalled document chunks", e);
        }
    }
}
