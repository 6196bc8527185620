-- How many times each server's settings were changed from Discord: raised in the transaction of every change, and
-- compared with the version a replica holds before it decides who answers a message, so that a message sent after
-- a command's answer is never judged by the settings before it, however late the change's notice reaches a replica.
CREATE TABLE settings_version (
    guild_id TEXT   PRIMARY KEY,
    version  BIGINT NOT NULL
);
