-- Every table here keeps a server's settings under guild_id: the Discord server's id, or 'web' for the web chat.

-- Personas a server's managers imported (the card as it was given, read again on every start; name set when the
-- card was kept beside another of its name under a name of its own) or removed (a built-in or folder card no
-- longer living in that server: removed, no content).
CREATE TABLE server_card (
    guild_id    TEXT        NOT NULL,
    persona_id  TEXT        NOT NULL,
    name        TEXT,
    source      TEXT        NOT NULL,
    content     BYTEA,
    removed     BOOLEAN     NOT NULL DEFAULT false,
    changed_by  TEXT        NOT NULL,
    changed_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (guild_id, persona_id)
);

-- Which personas live in a channel, set from Discord: a channel with rows here has those personas alone, in place
-- of acore.persona.channel-personas.
CREATE TABLE channel_persona (
    conversation_id TEXT NOT NULL,
    guild_id        TEXT NOT NULL,
    persona_id      TEXT NOT NULL,
    PRIMARY KEY (conversation_id, persona_id)
);
CREATE INDEX channel_persona_guild ON channel_persona (guild_id);

-- A channel's own default persona, set from Discord, in place of acore.persona.channel-defaults; a row whose
-- persona_id is null clears a default the environment gave.
CREATE TABLE channel_default (
    conversation_id TEXT PRIMARY KEY,
    guild_id        TEXT NOT NULL,
    persona_id      TEXT
);
CREATE INDEX channel_default_guild ON channel_default (guild_id);

-- Commands run, with the answer given: a command read again is answered again the same way, not run twice.
CREATE TABLE command_done (
    command_id TEXT        PRIMARY KEY,
    answer     TEXT        NOT NULL,
    done_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX command_done_at ON command_done (done_at);
