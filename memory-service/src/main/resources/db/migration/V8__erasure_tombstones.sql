-- A user's erasure outlives the transaction that made it, for a while: turns they sent before it that were still
-- on their way (in Kafka, or waiting out a database outage) are dropped on arrival, with the replies to them.
-- Keys are SHA-256 hashes ("user:<id>", "message:<id>"), never the ids themselves; rows expire.
CREATE TABLE memory_tombstone (
    key          TEXT        PRIMARY KEY,
    forgotten_at TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL
);
