package io.acore.memory.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Whether the database searches embeddings itself: {@code memory_embedding.embedding}, pgvector's column, exists
 * when the server had pgvector at migration time (V9). Asked once, when first needed.
 */
@ApplicationScoped
public class VectorColumn {
    private static final String EXISTS = """
            SELECT 1 FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = 'memory_embedding' AND column_name = 'embedding'
            """;

    private final DataSource dataSource;
    private volatile Boolean present;

    public VectorColumn(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public boolean present() {
        Boolean known = present;
        if (known == null) {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement query = connection.prepareStatement(EXISTS);
                    ResultSet rows = query.executeQuery()) {
                known = rows.next();
                present = known;
            } catch (SQLException e) {
                throw SqlFailures.translate("looking for pgvector", e);
            }
        }
        return known;
    }

    /** pgvector's text form of a vector: {@code [0.1,-0.2,…]}. */
    static String literal(float[] vector) {
        StringBuilder text = new StringBuilder(vector.length * 12).append('[');
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(vector[i]);
        }
        return text.append(']').toString();
    }
}
