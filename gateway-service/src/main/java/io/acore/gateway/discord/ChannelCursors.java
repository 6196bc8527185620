package io.acore.gateway.discord;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/** The newest member message taken in per Discord channel (table {@code gateway.discord_channel_cursor}). */
@ApplicationScoped
public class ChannelCursors {
    private final DataSource database;

    public ChannelCursors(DataSource database) {
        this.database = database;
    }

    /** Moves the channel's cursor to the message, unless it is already past it. */
    public void taken(String channelId, String messageId) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement upsert = connection.prepareStatement("INSERT INTO gateway.discord_channel_cursor"
                        + " (channel_id, last_message_id) VALUES (?, ?) ON CONFLICT (channel_id) DO UPDATE SET"
                        + " last_message_id = GREATEST(discord_channel_cursor.last_message_id, EXCLUDED.last_message_id),"
                        + " updated_at = now()")) {
            upsert.setString(1, channelId);
            upsert.setLong(2, Long.parseUnsignedLong(messageId));
            upsert.executeUpdate();
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
