-- Who a member called on in a conversation (named, @mentioned, replied to, or the bot itself called), stamped with
-- when they wrote it: a message that calls nobody goes to the persona called within the window before it, however
-- late or often the message is read. The member is kept only as a digest of their id (erasures name that digest).
CREATE TABLE called (
    message_id      TEXT        PRIMARY KEY,
    conversation_id TEXT        NOT NULL,
    author_digest   TEXT        NOT NULL,
    persona_id      TEXT        NOT NULL,
    called_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX called_in_conversation ON called (conversation_id, called_at);
CREATE INDEX called_by ON called (author_digest);

-- Messages answered: their final reply is published. Read before a message is answered, so that one read again
-- (after a restart, on another replica, from the dead letters) costs no second model call.
CREATE TABLE answered (
    message_id  TEXT        PRIMARY KEY,
    reply_id    TEXT        NOT NULL,
    answered_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX answered_at ON answered (answered_at);
