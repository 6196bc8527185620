package io.acore.gateway.discord.shards;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The gateway processes alive and the shard each runs (tables {@code gateway.discord_gateway_member} and
 * {@code gateway.discord_shard_lease}). Times are the database's, so the processes' clocks need not agree. Every
 * method may throw {@link SQLException} while the database is down.
 */
@ApplicationScoped
public class ShardLeases {
    /** A shard taken: the hand-over's number, and when its previous owner last renewed it (empty: never held). */
    public record Taken(long epoch, Optional<Instant> previousRenewal) {
    }

    private final DataSource database;

    public ShardLeases(DataSource database) {
        this.database = database;
    }

    /** Renews this process's membership and returns every live member's process id, in a stable order. */
    public List<String> heartbeat(String process, String instance, Duration ttl) throws SQLException {
        try (Connection connection = database.getConnection()) {
            try (PreparedStatement beat = connection.prepareStatement("INSERT INTO gateway.discord_gateway_member"
                    + " (process_id, instance_id, expires_at) VALUES (?, ?, now() + make_interval(secs => ?))"
                    + " ON CONFLICT (process_id) DO UPDATE SET expires_at = EXCLUDED.expires_at")) {
                beat.setString(1, process);
                beat.setString(2, instance);
                beat.setDouble(3, seconds(ttl));
                beat.executeUpdate();
            }
            try (PreparedStatement forget = connection.prepareStatement("DELETE FROM gateway.discord_gateway_member"
                    + " WHERE expires_at < now() - interval '1 hour'")) {
                forget.executeUpdate();
            }
            try (PreparedStatement live = connection.prepareStatement("SELECT process_id FROM"
                    + " gateway.discord_gateway_member WHERE expires_at > now() ORDER BY instance_id, process_id");
                    ResultSet rows = live.executeQuery()) {
                List<String> members = new ArrayList<>();
                while (rows.next()) {
                    members.add(rows.getString(1));
                }
                return members;
            }
        }
    }

    /** Takes the shard unless another process holds a lease on it that has not run out. */
    public Optional<Taken> take(int shard, String process, Duration ttl) throws SQLException {
        try (Connection connection = database.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Optional<Taken> taken = take(connection, shard, process, ttl);
                connection.commit();
                return taken;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static Optional<Taken> take(Connection connection, int shard, String process, Duration ttl)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO gateway.discord_shard_lease"
                + " (shard, owner, epoch, renewed_at, expires_at) VALUES (?, ?, 1, now(), now() + make_interval(secs => ?))"
                + " ON CONFLICT (shard) DO NOTHING")) {
            insert.setInt(1, shard);
            insert.setString(2, process);
            insert.setDouble(3, seconds(ttl));
            if (insert.executeUpdate() == 1) {
                return Optional.of(new Taken(1, Optional.empty()));
            }
        }
        Instant previousRenewal;
        try (PreparedStatement read = connection.prepareStatement("SELECT renewed_at, owner = ? OR expires_at <= now()"
                + " FROM gateway.discord_shard_lease WHERE shard = ? FOR UPDATE")) {
            read.setString(1, process);
            read.setInt(2, shard);
            try (ResultSet row = read.executeQuery()) {
                if (!row.next() || !row.getBoolean(2)) {
                    return Optional.empty();
                }
                previousRenewal = row.getTimestamp(1).toInstant();
            }
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE gateway.discord_shard_lease SET owner = ?,"
                + " epoch = epoch + 1, renewed_at = now(), expires_at = now() + make_interval(secs => ?)"
                + " WHERE shard = ? RETURNING epoch")) {
            update.setString(1, process);
            update.setDouble(2, seconds(ttl));
            update.setInt(3, shard);
            try (ResultSet row = update.executeQuery()) {
                row.next();
                return Optional.of(new Taken(row.getLong(1), Optional.of(previousRenewal)));
            }
        }
    }

    /** Renews the process's leases on the shards and returns those it still holds. */
    public Set<Integer> renew(String process, Collection<Integer> shards, Duration ttl) throws SQLException {
        if (shards.isEmpty()) {
            return Set.of();
        }
        try (Connection connection = database.getConnection();
                PreparedStatement renew = connection.prepareStatement("UPDATE gateway.discord_shard_lease"
                        + " SET renewed_at = now(), expires_at = now() + make_interval(secs => ?)"
                        + " WHERE owner = ? AND shard = ANY(?) RETURNING shard")) {
            renew.setDouble(1, seconds(ttl));
            renew.setString(2, process);
            renew.setArray(3, connection.createArrayOf("integer", shards.toArray()));
            try (ResultSet rows = renew.executeQuery()) {
                Set<Integer> held = new HashSet<>();
                while (rows.next()) {
                    held.add(rows.getInt(1));
                }
                return held;
            }
        }
    }

    /** Gives the shard up at once, so the member the split gives it to takes it on its next heartbeat. */
    public void release(String process, int shard) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement release = connection.prepareStatement("UPDATE gateway.discord_shard_lease"
                        + " SET expires_at = now() WHERE owner = ? AND shard = ?")) {
            release.setString(1, process);
            release.setInt(2, shard);
            release.executeUpdate();
        }
    }

    /** Leaves: the process's leases are given up and it no longer counts as a member. */
    public void leave(String process) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement release = connection.prepareStatement("UPDATE gateway.discord_shard_lease"
                        + " SET expires_at = now() WHERE owner = ?");
                PreparedStatement forget = connection.prepareStatement(
                        "DELETE FROM gateway.discord_gateway_member WHERE process_id = ?")) {
            release.setString(1, process);
            release.executeUpdate();
            forget.setString(1, process);
            forget.executeUpdate();
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
