-- One row per persona reply bound for Discord: the claim every gateway replica checks before posting it, and what
-- Discord made of it. A reply is posted in pieces (Discord's 2,000-character limit); message_ids grows by one id
-- per piece Discord accepted, so a delivery cut off half-way resumes at the next piece instead of starting over.
CREATE TABLE discord_delivery (
    reply_id         TEXT PRIMARY KEY,
    conversation_id  TEXT        NOT NULL,
    status           TEXT        NOT NULL CHECK (status IN ('posting', 'delivered', 'failed')),
    -- who posts it: the gateway instance (stable across its restarts) and the process (one per start)
    instance_id      TEXT        NOT NULL,
    process_id       TEXT        NOT NULL,
    claimed_at       TIMESTAMPTZ NOT NULL,
    first_claimed_at TIMESTAMPTZ NOT NULL,
    message_ids      TEXT[]      NOT NULL DEFAULT '{}',
    detail           TEXT,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
