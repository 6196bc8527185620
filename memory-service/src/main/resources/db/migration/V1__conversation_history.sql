-- Every user turn and every final persona reply, one row per event id (so a redelivered record is stored once).
CREATE TABLE conversation_message (
    id              TEXT PRIMARY KEY,
    seq             BIGSERIAL NOT NULL,
    conversation_id TEXT        NOT NULL,
    role            TEXT        NOT NULL CHECK (role IN ('user', 'persona', 'notice')),
    author_id       TEXT        NOT NULL,
    author_name     TEXT        NOT NULL,
    content         TEXT        NOT NULL,
    in_reply_to     TEXT,
    trace_id        TEXT        NOT NULL,
    occurred_at     TIMESTAMPTZ NOT NULL,
    stored_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX conversation_message_recent ON conversation_message (conversation_id, occurred_at DESC, seq DESC);
