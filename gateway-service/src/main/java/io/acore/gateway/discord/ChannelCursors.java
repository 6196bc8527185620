package io.acore.gateway.discord;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The newest member message taken in per Discord channel, server channels and direct messages alike (table
 * {@code gateway.discord_channel_cursor}).
 */
@ApplicationScoped
public class ChannelCursors {
    private final DataSource database;

    public ChannelCursors(DataSource database) {
        this.database = database;
    }

    /** A direct-message channel's cursor, and the member the channel is with. */
    public record DirectCursor(String channelId, String userId, long lastTaken) {
    }

    /**
     * Moves the channel's cursor to the message, unless it is already past it; {@code directUserId} names the
     * member of a direct-message channel (null for a server channel).
     */
    public void taken(String channelId, String messageId, String directUserId) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement upsert = connection.prepareStatement("INSERT INTO gateway.discord_channel_cursor"
                        + " (channel_id, last_message_id, direct_user_id) VALUES (?, ?, ?) ON CONFLICT (channel_id)"
                        + " DO UPDATE SET last_message_id = GREATEST(discord_channel_cursor.last_message_id,"
                        + " EXCLUDED.last_message_id), updated_at = now()")) {
            upsert.setString(1, channelId);
            upsert.setLong(2, Long.parseUnsignedLong(messageId));
            upsert.setString(3, directUserId);
            upsert.executeUpdate();
        }
    }

    /** The direct-message channels a member wrote in since then. */
    public List<DirectCursor> directSince(Instant since) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement read = connection.prepareStatement("SELECT channel_id, direct_user_id,"
                        + " last_message_id FROM gateway.discord_channel_cursor"
                        + " WHERE direct_user_id IS NOT NULL AND updated_at >= ?")) {
            read.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rows = read.executeQuery()) {
                List<DirectCursor> cursors = new ArrayList<>();
                while (rows.next()) {
                    cursors.add(new DirectCursor(rows.getString(1), rows.getString(2), rows.getLong(3)));
                }
                return cursors;
            }
        }
    }

    public Optional<Long> lastTaken(String channelId) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement read = connection.prepareStatement(
                        "SELECT last_message_id FROM gateway.discord_channel_cursor WHERE channel_id = ?")) {
            read.setString(1, channelId);
            try (ResultSet row = read.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }
}
