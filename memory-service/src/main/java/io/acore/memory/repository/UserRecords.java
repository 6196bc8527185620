package io.acore.memory.repository;

import io.acore.events.api.UserFact;
import io.acore.events.api.UserProfile;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** What memory holds about one user beyond their messages: their profiles and facts, in every scope. */
@ApplicationScoped
public class UserRecords {
    private static final String PROFILES = """
            SELECT scope, display_names, first_seen, last_seen, message_count FROM user_profile
            WHERE user_id = ? ORDER BY first_seen
            """;
    private static final String FACTS = """
            SELECT scope, persona_id, kind, topic, content, confidence, created_at, updated_at, valid_until
            FROM memory_fact
            WHERE user_id = ? ORDER BY scope, persona_id, valid_until IS NOT NULL, updated_at DESC
            """;

    private final DataSource dataSource;

    public UserRecords(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<UserProfile> profiles(String userId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(PROFILES)) {
            query.setString(1, userId);
            List<UserProfile> profiles = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    profiles.add(new UserProfile(rows.getString("scope"),
                            List.of((String[]) rows.getArray("display_names").getArray()),
                            rows.getTimestamp("first_seen").toInstant(), rows.getTimestamp("last_seen").toInstant(),
                            rows.getLong("message_count")));
                }
            }
            return profiles;
        } catch (SQLException e) {
            throw SqlFailures.translate("reading the profiles of " + userId, e);
        }
    }

    public List<UserFact> facts(String userId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(FACTS)) {
            query.setString(1, userId);
            List<UserFact> facts = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    facts.add(new UserFact(rows.getString("scope"), rows.getString("persona_id"),
                            rows.getString("kind"), rows.getString("topic"), rows.getString("content"),
                            rows.getDouble("confidence"), rows.getTimestamp("created_at").toInstant(),
                            rows.getTimestamp("updated_at").toInstant(), FactRepository.instant(rows.getTimestamp("valid_until"))));
                }
            }
            return facts;
        } catch (SQLException e) {
            throw SqlFailures.translate("reading the facts about " + userId, e);
        }
    }
}
