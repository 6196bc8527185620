package io.acore.events;

/** Field checks run by every record's constructor, so an invalid record cannot be built or decoded. */
final class Require {
    private Require() {
    }

    static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is required");
        }
        return value;
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException("'" + field + "' is required");
        }
        return value;
    }

    static void version(int v) {
        if (v != Event.SCHEMA_VERSION) {
            throw new IllegalArgumentException("unsupported schema version v=" + v + " (this build reads v="
                    + Event.SCHEMA_VERSION + ")");
        }
    }
}
