package io.acore.persona.repository;

import io.acore.persona.relationships.Bond;
import io.acore.persona.relationships.Bond.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The personas' relationships (table {@code persona.relationship}) and the changes applied to them
 * ({@code relationship_event}): a change is applied with its event in one transaction, so one read again changes
 * nothing. Every method throws {@link SQLException} while the database is down.
 */
@ApplicationScoped
public class RelationshipStore {
    private static final String FIND = """
            SELECT score, last_contact FROM persona.relationship
            WHERE place = ? AND persona_id = ? AND other_kind = ? AND other_id = ?
            """;

    private final DataSource database;

    public RelationshipStore(DataSource database) {
        this.database = database;
    }

    /**
     * Moves where {@code personaId} stands with {@code other} by {@code delta} (from its faded score), as of
     * {@code at}; with another persona, both ways. False when the event was applied already.
     */
    public boolean change(String eventId, String place, String personaId, Kind kind, String other, int delta,
            Instant at) throws SQLException {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement applied = connection.prepareStatement("INSERT INTO persona.relationship_event "
                        + "(event_id) VALUES (?) ON CONFLICT (event_id) DO NOTHING")) {
                    applied.setString(1, eventId);
                    if (applied.executeUpdate() == 0) {
                        connection.rollback();
                        return false;
                    }
                }
                if (kind == Kind.PERSONA && other.compareTo(personaId) < 0) { // both ways, rows locked in one order
                    move(connection, place, other, kind, personaId, delta, at);
                    move(connection, place, personaId, kind, other, delta, at);
                } else {
                    move(connection, place, personaId, kind, other, delta, at);
                    if (kind == Kind.PERSONA) {
                        move(connection, place, other, kind, personaId, delta, at);
                    }
                }
                connection.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static void move(Connection connection, String place, String personaId, Kind kind, String other,
            int delta, Instant at) throws SQLException {
        Bond now = Bond.first(kind, at);
        try (PreparedStatement first = connection.prepareStatement("""
                INSERT INTO persona.relationship (place, persona_id, other_kind, other_id, score, last_contact)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """)) { // a row to lock, even on a first contact: two first contacts then wait for each other
            bind(first, place, personaId, kind, other);
            first.setInt(5, now.score());
            first.setTimestamp(6, Timestamp.from(at));
            first.executeUpdate();
        }
        try (PreparedStatement query = connection.prepareStatement(FIND + " FOR UPDATE")) {
            bind(query, place, personaId, kind, other);
            try (ResultSet row = query.executeQuery()) {
                if (row.next()) {
                    now = new Bond(kind, row.getInt(1), row.getTimestamp(2).toInstant());
                }
            }
        }
        int score = Math.max(0, Math.min(100, now.scoreAt(at) + delta));
        Instant contact = at.isAfter(now.lastContact()) ? at : now.lastContact();
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO persona.relationship (place, persona_id, other_kind, other_id, score, last_contact)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (place, persona_id, other_kind, other_id)
                DO UPDATE SET score = excluded.score, last_contact = excluded.last_contact
                """)) {
            bind(upsert, place, personaId, kind, other);
            upsert.setInt(5, score);
            upsert.setTimestamp(6, Timestamp.from(contact));
            upsert.executeUpdate();
        }
    }

    public Optional<Bond> find(String place, String personaId, Kind kind, String other) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement(FIND)) {
            bind(query, place, personaId, kind, other);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(new Bond(kind, row.getInt(1), row.getTimestamp(2).toInstant()))
                        : Optional.empty();
            }
        }
    }

    /** Where the persona stands with each other persona it has had to do with in the place, by their id. */
    public Map<String, Bond> personasOf(String place, String personaId) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT other_id, score, last_contact "
                        + "FROM persona.relationship WHERE place = ? AND persona_id = ? AND other_kind = 'persona' "
                        + "ORDER BY other_id")) {
            query.setString(1, place);
            query.setString(2, personaId);
            Map<String, Bond> bonds = new LinkedHashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    bonds.put(rows.getString(1), new Bond(Kind.PERSONA, rows.getInt(2), rows.getTimestamp(3).toInstant()));
                }
            }
            return bonds;
        }
    }

    /** Forgets every persona's relationship with an erased member. */
    public void forget(String memberDigest) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM persona.relationship WHERE other_kind = 'member' AND other_id = ?")) {
            delete.setString(1, memberDigest);
            delete.executeUpdate();
        }
    }

    /** Drops the record of changes applied before {@code before}, long after any could be read again. */
    public int forgetEventsBefore(Instant before) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM persona.relationship_event WHERE applied_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(before));
            return delete.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, String place, String personaId, Kind kind, String other)
            throws SQLException {
        statement.setString(1, place);
        statement.setString(2, personaId);
        statement.setString(3, kind.column());
        statement.setString(4, other);
    }
}
