-- The newest Discord message taken in per channel: after a restart the gateway asks Discord for what came later,
-- so a message that arrived while it was down (or was lost with a broken connection) is still answered.
CREATE TABLE discord_channel_cursor (
    channel_id      TEXT PRIMARY KEY,
    last_message_id BIGINT      NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
