package io.acore.memory.repository;

import io.acore.events.Sha256;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Keeps an erasure and the writes that could undo it apart: every transaction that writes what was read earlier
 * (turns, embeddings, facts, summaries) holds this lock shared, an erasure holds it alone. So a write either
 * commits before the erasure starts (and is erased with the rest) or starts after it committed (and sees it).
 */
final class ErasureLock {
    private static final long KEY = 0x61636f72656d656dL; // "acoremem"

    private ErasureLock() {
    }

    static void forWriting(Connection connection) throws SQLException {
        take(connection, "SELECT pg_advisory_xact_lock_shared(?)");
    }

    static void forErasing(Connection connection) throws SQLException {
        take(connection, "SELECT pg_advisory_xact_lock(?)");
    }

    private static void take(Connection connection, String sql) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(sql)) {
            lock.setLong(1, KEY);
            lock.execute();
        }
    }

    /** A tombstone's key: the SHA-256 of {@code kind:value}, so that no id outlives its erasure. */
    static String tombstone(String kind, String value) {
        return Sha256.hex(kind + ":" + value);
    }
}
