-- Which gateway process runs each Discord shard. Every running process renews its membership and its leases every
-- few seconds; the shards are split evenly over the live members, and a lease that was not renewed in time (the
-- process died, or its node did) passes to the member the split gives it to. epoch counts the hand-overs.
CREATE TABLE discord_gateway_member (
    process_id  TEXT PRIMARY KEY,
    instance_id TEXT        NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL
);
CREATE TABLE discord_shard_lease (
    shard       INT PRIMARY KEY,
    owner       TEXT        NOT NULL,
    epoch       BIGINT      NOT NULL,
    renewed_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL
);
