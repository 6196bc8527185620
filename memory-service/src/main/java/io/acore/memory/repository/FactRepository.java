package io.acore.memory.repository;

import io.acore.events.api.RememberedFact;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** What users told about themselves: per persona, and a tier shared by every persona ({@value #SHARED}). */
@ApplicationScoped
public class FactRepository {
    public static final String SHARED = "*";
    private static final String ABOUT = """
            SELECT kind, content, persona_id, updated_at FROM memory_fact
            WHERE scope = ? AND user_id = ? AND persona_id IN (?, '*')
            ORDER BY confidence DESC, updated_at DESC
            LIMIT ?
            """;

    private final DataSource dataSource;

    public FactRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What the persona knows about the user in the scope, its own facts and the shared ones, surest first. */
    public List<RememberedFact> about(String scope, String userId, String personaId, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(ABOUT)) {
            query.setString(1, scope);
            query.setString(2, userId);
            query.setString(3, personaId);
            query.setInt(4, limit);
            List<RememberedFact> facts = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    facts.add(new RememberedFact(rows.getString("kind"), rows.getString("content"),
                            SHARED.equals(rows.getString("persona_id")), rows.getTimestamp("updated_at").toInstant()));
                }
            }
            return facts;
        } catch (SQLException e) {
            throw SqlFailures.translate("reading facts about " + userId, e);
        }
    }
}
