package io.acore.memory.repository;

import java.sql.SQLException;

/** What a failed statement means for the caller: an outage worth waiting out, or a rejection. */
final class SqlFailures {
    private SqlFailures() {
    }

    /**
     * Connection-class failures (SQLState 08…, server shutting down 57P…, no state at all) and a transaction the
     * server rolled back to resolve a conflict (40…: deadlock, serialization) are worth a retry.
     */
    static RuntimeException translate(String what, SQLException e) {
        String state = e.getSQLState();
        if (state == null || state.startsWith("08") || state.startsWith("57P")) {
            return new StorageUnavailableException("database unavailable while " + what + ": " + e.getMessage(), e);
        }
        if (state.startsWith("40")) {
            return new StorageUnavailableException("database rolled back " + what + " (try again): "
                    + e.getMessage(), e);
        }
        return new IllegalStateException("database rejected " + what + ": " + e.getMessage(), e);
    }
}
