package io.acore.memory.repository;

import io.acore.events.ConversationId;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/** Conversations' rolling summaries, one version per fold. */
@ApplicationScoped
public class SummaryRepository {
    private static final String LATEST = """
            SELECT content FROM conversation_summary WHERE conversation_id = ? ORDER BY version DESC LIMIT 1
            """;

    private final DataSource dataSource;

    public SummaryRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The newest summary of the conversation, if one was made. */
    public Optional<String> latest(ConversationId conversationId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(LATEST)) {
            query.setString(1, conversationId.toString());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString("content")) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqlFailures.translate("reading the summary of " + conversationId, e);
        }
    }
}
