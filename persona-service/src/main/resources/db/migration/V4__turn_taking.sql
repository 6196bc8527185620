-- How readily a persona speaks unasked in a channel, 0-100, set from Discord (none set: only when called).
CREATE TABLE channel_talkativeness (
    conversation_id TEXT    NOT NULL,
    guild_id        TEXT    NOT NULL,
    persona_id      TEXT    NOT NULL,
    talkativeness   INTEGER NOT NULL CHECK (talkativeness BETWEEN 0 AND 100),
    PRIMARY KEY (conversation_id, persona_id)
);
CREATE INDEX channel_talkativeness_guild ON channel_talkativeness (guild_id);

-- Whether the personas of a channel may answer each other, set from Discord (in place of acore.persona.banter.channels).
CREATE TABLE channel_banter (
    conversation_id TEXT    PRIMARY KEY,
    guild_id        TEXT    NOT NULL,
    enabled         BOOLEAN NOT NULL
);
CREATE INDEX channel_banter_guild ON channel_banter (guild_id);
