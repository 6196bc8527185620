-- What replies ask of the model in a server, set from Discord: for one persona there (level persona, target its id),
-- in one channel (level channel, target the conversation id) or in the whole server (level server, target '*').
-- A null column leaves the value to the next level down: persona, channel, server, then ACORE_LLM_*.
CREATE TABLE model_setting (
    guild_id    TEXT             NOT NULL,
    level       TEXT             NOT NULL CHECK (level IN ('persona', 'channel', 'server')),
    target      TEXT             NOT NULL,
    model       TEXT,
    temperature DOUBLE PRECISION CHECK (temperature BETWEEN 0 AND 2),
    max_tokens  INTEGER          CHECK (max_tokens BETWEEN 16 AND 8192),
    PRIMARY KEY (guild_id, level, target)
);
