-- What memory learns beside the transcript. Every row carries its scope: the Discord server for a server's
-- conversations (discord:<guild>), the conversation itself for a direct message or a web session. Nothing is read
-- across scopes.

ALTER TABLE conversation_message ADD COLUMN scope TEXT;
UPDATE conversation_message SET scope = CASE
    WHEN conversation_id LIKE 'discord:dm:%' OR conversation_id LIKE 'web:%' THEN conversation_id
    ELSE split_part(conversation_id, ':', 1) || ':' || split_part(conversation_id, ':', 2) END;
ALTER TABLE conversation_message ALTER COLUMN scope SET NOT NULL;
-- Keyword half of recall: English stemming, stop words dropped.
ALTER TABLE conversation_message
    ADD COLUMN words tsvector GENERATED ALWAYS AS (to_tsvector('english', content)) STORED;
-- Whether the turn's embedding is still to be computed (the indexer's queue; a partial index keeps it small).
ALTER TABLE conversation_message ADD COLUMN embedded BOOLEAN NOT NULL DEFAULT false;

CREATE INDEX conversation_message_author ON conversation_message (author_id, role);
CREATE INDEX conversation_message_words ON conversation_message USING gin (words);
CREATE INDEX conversation_message_to_embed ON conversation_message (seq) WHERE NOT embedded;
CREATE INDEX conversation_message_in_reply_to ON conversation_message (in_reply_to);

-- Who a user is in a scope: the names they went by, when they came and went, how much they said.
CREATE TABLE user_profile (
    scope         TEXT        NOT NULL,
    user_id       TEXT        NOT NULL,
    display_names TEXT[]      NOT NULL,
    first_seen    TIMESTAMPTZ NOT NULL,
    last_seen     TIMESTAMPTZ NOT NULL,
    message_count BIGINT      NOT NULL,
    PRIMARY KEY (scope, user_id)
);
CREATE INDEX user_profile_user ON user_profile (user_id);

-- What a user said about themselves, as one persona learned it, or shared by all personas (persona_id '*').
CREATE TABLE memory_fact (
    id          BIGSERIAL PRIMARY KEY,
    scope       TEXT        NOT NULL,
    user_id     TEXT        NOT NULL,
    persona_id  TEXT        NOT NULL,
    kind        TEXT        NOT NULL CHECK (kind IN ('trait', 'interest', 'preference', 'fact')),
    content     TEXT        NOT NULL,
    source_ids  TEXT[]      NOT NULL,
    confidence  REAL        NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX memory_fact_about ON memory_fact (scope, user_id, persona_id);
CREATE INDEX memory_fact_user ON memory_fact (user_id);

-- A conversation's rolling summary; each version folds older turns (up to last_seq) into the one before.
CREATE TABLE conversation_summary (
    conversation_id TEXT        NOT NULL,
    version         INT         NOT NULL,
    scope           TEXT        NOT NULL,
    content         TEXT        NOT NULL,
    first_seq       BIGINT      NOT NULL,
    last_seq        BIGINT      NOT NULL,
    user_ids        TEXT[]      NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (conversation_id, version)
);
CREATE INDEX conversation_summary_users ON conversation_summary USING gin (user_ids);

-- Embeddings (all-MiniLM-L6-v2, 384 dimensions) of messages, facts, summaries and operator documents. The scope of
-- an operator document is '*': it may be recalled everywhere.
CREATE TABLE memory_embedding (
    seq        BIGSERIAL NOT NULL,
    owner_kind TEXT   NOT NULL CHECK (owner_kind IN ('message', 'fact', 'summary', 'document')),
    owner_id   TEXT   NOT NULL,
    scope      TEXT   NOT NULL,
    user_id    TEXT,
    vector     BYTEA  NOT NULL, -- 384 float32, little-endian
    PRIMARY KEY (owner_kind, owner_id)
);
CREATE INDEX memory_embedding_scope ON memory_embedding (scope, seq);
CREATE INDEX memory_embedding_user ON memory_embedding (user_id);

-- Operator documents, chunked; a file's chunks are replaced when its content changes.
CREATE TABLE memory_document_chunk (
    id           TEXT PRIMARY KEY,
    path         TEXT        NOT NULL,
    file_hash    TEXT        NOT NULL,
    chunk_index  INT         NOT NULL,
    content      TEXT        NOT NULL,
    indexed_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX memory_document_chunk_path ON memory_document_chunk (path);

-- What was forgotten, when and why: counts only, nothing that identifies whom or what.
CREATE TABLE memory_deletion_audit (
    id          BIGSERIAL PRIMARY KEY,
    reason      TEXT        NOT NULL CHECK (reason IN ('user request', 'retention')),
    counts      JSONB       NOT NULL,
    deleted_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
