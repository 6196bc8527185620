package io.acore.memory.repository;

import io.acore.events.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * One replica at a time does each background job (fact extraction, summaries, the embedding of one shard of scopes),
 * so that with several replicas on one database every turn is still embedded once and every model call made once: a
 * round runs inside a transaction that holds a PostgreSQL advisory lock named after its job, and a replica that finds
 * the lock taken skips its round. Should the replica die, its transaction ends and the lock with it.
 */
@ApplicationScoped
public class BackgroundLock {
    private final DataSource dataSource;

    public BackgroundLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs the round unless another replica is running this job; returns whether it ran. */
    public boolean runAlone(String job, Runnable round) {
        return callAlone(job, () -> {
            round.run();
            return true;
        }).isPresent();
    }

    /** Runs the round unless another replica is running this job: what the round returned, or empty if it did not. */
    public <T> Optional<T> callAlone(String job, Supplier<T> round) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!taken(connection, key(job))) {
                    return Optional.empty();
                }
                return Optional.of(round.get());
            } finally {
                connection.rollback(); // ends the transaction, which lets the lock go; it wrote nothing
            }
        } catch (SQLException e) {
            throw SqlFailures.translate("taking the lock of background job " + job, e);
        }
    }

    private static boolean taken(Connection connection, long key) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, key);
            try (ResultSet row = lock.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    /** A lock key for the job: the first eight bytes of the SHA-256 of its name. */
    static long key(String job) {
        return Long.parseUnsignedLong(Sha256.hex("acore-memory-background:" + job).substring(0, 16), 16);
    }
}
