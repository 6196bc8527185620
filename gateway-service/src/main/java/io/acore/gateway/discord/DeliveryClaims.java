package io.acore.gateway.discord;

import io.acore.events.Reply;
import io.acore.gateway.config.GatewayConfig;
import io.acore.gateway.discord.shards.DiscordShards;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The durable, shared record of which replies are posted to Discord (table {@code gateway.discord_delivery}):
 * a replica claims a reply before posting it, notes each piece Discord accepted, and marks it delivered or
 * failed. A claim is held by one process; it passes to another when it is older than the lease, at once to the
 * next process of the same instance (the instance id is stable, so a restarted replica resumes its own
 * unfinished posts without waiting), and to the process that has taken over the conversation's shard once the
 * holder has gone quiet. The holder extends its claim before every post, and every update names the epoch the claim
 * was taken with, so a holder that lost it — another process, or an earlier attempt of this one — changes nothing. Before each post it notes which piece it is about to post ({@link #aboutToPost}), so a
 * process taking the claim over knows whether that piece may be on Discord unnoted. Every method may throw {@link SQLException} while the database is down.
 */
@ApplicationScoped
public class DeliveryClaims {
    /** What a claim found. */
    public enum Outcome {
        /** This process may post: {@code posted} pieces are on Discord already. */
        TAKEN,
        /** Another process posts it now. */
        HELD_ELSEWHERE,
        /** Posted before: {@code posted} holds the message ids. */
        DELIVERED,
        /** Given up on before, and reported. */
        FAILED
    }

    /**
     * @param replyId  the reply claimed
     * @param epoch    how many times it was taken when this claim was read: the holder's updates name it
     * @param resumed  whether someone claimed it before
     * @param since    when the reply was first claimed
     * @param streamed whether {@code posted} are streamed messages, showing the text as it was then
     * @param intent   the post last about to be made, when one was: the piece after {@code posted} may have reached
     *                 Discord unnoted only when it is that piece
     */
    public record Claim(String replyId, long epoch, Outcome outcome, List<String> posted, boolean resumed,
            Instant since, boolean streamed, Optional<Intent> intent) {
        /** Whether the next piece may be on Discord without being noted: its holder was about to post it. */
        public boolean nextMayBePosted() {
            return resumed && intent.filter(about -> about.piece() == posted.size()).isPresent();
        }
    }

    /** The piece (counted from 0) a holder was about to post, and when. */
    public record Intent(int piece, Instant at) {
    }

    private static final String TABLE = "gateway.discord_delivery";
    /**
     * A claim's holder extends it before every post; one quiet this long, on a shard another process runs now, has
     * stopped posting (it died or gave the shard up), so the shard's process takes it without waiting for the lease.
     */
    private static final Duration QUIET_BEFORE_SHARD_TAKEOVER = Duration.ofSeconds(10);

    private final DataSource database;
    private final DiscordShards shards;
    private final String instance;
    private final String process;
    private final Duration lease;

    public DeliveryClaims(DataSource database, GatewayConfig config, DiscordShards shards,
            @ConfigProperty(name = "kafka.group.instance.id") String instance) {
        this.database = database;
        this.shards = shards;
        this.instance = instance;
        this.process = shards.process();
        this.lease = config.discord().posting().claimLease();
    }

    public Claim claim(Reply reply) throws SQLException {
        try (Connection connection = database.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE
                    + " (reply_id, conversation_id, status, instance_id, process_id, claimed_at, first_claimed_at,"
                    + " claim_epoch) VALUES (?, ?, 'posting', ?, ?, now(), now(), 1) ON CONFLICT (reply_id) DO NOTHING"
                    + " RETURNING first_claimed_at, claim_epoch")) {
                insert.setString(1, reply.id());
                insert.setString(2, reply.conversationId().toString());
                insert.setString(3, instance);
                insert.setString(4, process);
                try (ResultSet created = insert.executeQuery()) {
                    if (created.next()) {
                        return new Claim(reply.id(), created.getLong(2), Outcome.TAKEN, List.of(), false,
                                created.getTimestamp(1).toInstant(), false, Optional.empty());
                    }
                }
            }
            try (PreparedStatement takeOver = connection.prepareStatement("UPDATE " + TABLE
                    + " SET instance_id = ?, process_id = ?, claimed_at = now(), updated_at = now(),"
                    + " claim_epoch = claim_epoch + 1"
                    + " WHERE reply_id = ? AND status = 'posting'"
                    + " AND (instance_id = ? OR claimed_at < now() - make_interval(secs => ?)"
                    + " OR process_id <> ? AND claimed_at < now() - make_interval(secs => ?)"
                    + " AND EXISTS (SELECT 1 FROM gateway.discord_shard_lease"
                    + " WHERE shard = ? AND owner = ? AND expires_at > now()))"
                    + " RETURNING message_ids, first_claimed_at, streamed, intent_piece, intent_at, claim_epoch")) {
                takeOver.setString(1, instance);
                takeOver.setString(2, process);
                takeOver.setString(3, reply.id());
                takeOver.setString(4, instance);
                takeOver.setDouble(5, lease.toMillis() / 1000.0);
                takeOver.setString(6, process);
                takeOver.setDouble(7, QUIET_BEFORE_SHARD_TAKEOVER.toMillis() / 1000.0);
                takeOver.setInt(8, shards.shardOf(reply.conversationId()));
                takeOver.setString(9, process);
                try (ResultSet taken = takeOver.executeQuery()) {
                    if (taken.next()) {
                        return new Claim(reply.id(), taken.getLong(6), Outcome.TAKEN, ids(taken.getArray(1)), true,
                                taken.getTimestamp(2).toInstant(), taken.getBoolean(3), intent(taken, 4));
                    }
                }
            }
            try (PreparedStatement read = connection.prepareStatement(
                    "SELECT status, message_ids, first_claimed_at, streamed, claim_epoch FROM " + TABLE
                            + " WHERE reply_id = ?")) {
                read.setString(1, reply.id());
                try (ResultSet row = read.executeQuery()) {
                    if (!row.next()) {
                        throw new SQLException("the claim on reply " + reply.id() + " vanished while it was read");
                    }
                    Outcome outcome = switch (row.getString(1)) {
                        case "delivered" -> Outcome.DELIVERED;
                        case "failed" -> Outcome.FAILED;
                        default -> Outcome.HELD_ELSEWHERE;
                    };
                    return new Claim(reply.id(), row.getLong(5), outcome, ids(row.getArray(2)), false,
                            row.getTimestamp(3).toInstant(), row.getBoolean(4), Optional.empty());
                }
            }
        }
    }

    /** Those of the replies that are delivered or given up on. */
    public Set<String> settled(Collection<String> replyIds) throws SQLException {
        if (replyIds.isEmpty()) {
            return Set.of();
        }
        try (Connection connection = database.getConnection();
                PreparedStatement read = connection.prepareStatement("SELECT reply_id FROM " + TABLE
                        + " WHERE reply_id = ANY(?) AND status <> 'posting'")) {
            read.setArray(1, connection.createArrayOf("text", replyIds.toArray()));
            try (ResultSet rows = read.executeQuery()) {
                Set<String> settled = new HashSet<>();
                while (rows.next()) {
                    settled.add(rows.getString(1));
                }
                return settled;
            }
        }
    }

    /**
     * Renews the claim right before posting piece {@code piece} and notes the intent; false when this process no
     * longer holds it (then it must not post).
     */
    public boolean aboutToPost(Claim claim, int piece) throws SQLException {
        return updateOwn(claim, "claimed_at = now(), intent_piece = ?, intent_at = now()", piece);
    }

    /**
     * Forgets the replies delivered, given up on, or left half posted by a process that stopped, last touched
     * before then (a claim being posted is renewed before every post); returns how many.
     */
    public int forgetUntouchedSince(Instant before) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement forget = connection.prepareStatement("DELETE FROM " + TABLE
                        + " WHERE updated_at < ?")) {
            forget.setTimestamp(1, Timestamp.from(before));
            return forget.executeUpdate();
        }
    }

    /** Notes the next piece Discord accepted; false when this process no longer holds the claim. */
    public boolean piecePosted(Claim claim, String messageId) throws SQLException {
        return updateOwn(claim, "message_ids = array_append(message_ids, ?), claimed_at = now()", messageId);
    }

    /** Whether streaming posted messages for the reply that no final delivery has taken over yet. */
    public boolean streamedUnfinished(Reply reply) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement read = connection.prepareStatement("SELECT 1 FROM " + TABLE
                        + " WHERE reply_id = ? AND status = 'posting' AND streamed")) {
            read.setString(1, reply.id());
            try (ResultSet row = read.executeQuery()) {
                return row.next();
            }
        }
    }

    /** Notes a message streaming posted with the text so far; false when this process no longer holds the claim. */
    public boolean streamedPiecePosted(Claim claim, String messageId) throws SQLException {
        return updateOwn(claim, "message_ids = array_append(message_ids, ?), streamed = true, claimed_at = now()",
                messageId);
    }

    /** Keeps the first {@code count} noted messages (the others were deleted, or are beyond reach). */
    public boolean keepFirst(Claim claim, int count) throws SQLException {
        return updateOwn(claim, "message_ids = message_ids[1:?], streamed = streamed AND ? > 0", count, count);
    }

    public boolean delivered(Claim claim) throws SQLException {
        return updateOwn(claim, "status = 'delivered', detail = NULL");
    }

    public boolean failed(Claim claim, String reason) throws SQLException {
        return updateOwn(claim, "status = 'failed', detail = ?", reason);
    }

    /** An update by the claim's holder, fenced: it changes nothing once the claim was taken again since. */
    private boolean updateOwn(Claim claim, String assignments, Object... values) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE + " SET " + assignments
                        + ", updated_at = now() WHERE reply_id = ? AND process_id = ? AND claim_epoch = ?"
                        + " AND status = 'posting'")) {
            int parameter = 1;
            for (Object value : values) {
                update.setObject(parameter++, value);
            }
            update.setString(parameter++, claim.replyId());
            update.setString(parameter++, process);
            update.setLong(parameter, claim.epoch());
            return update.executeUpdate() == 1;
        }
    }

    private static Optional<Intent> intent(ResultSet row, int column) throws SQLException {
        int piece = row.getInt(column);
        return row.wasNull() ? Optional.empty() : Optional.of(new Intent(piece, row.getTimestamp(column + 1).toInstant()));
    }

    private static List<String> ids(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
