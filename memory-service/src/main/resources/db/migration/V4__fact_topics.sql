-- Facts are reconciled by topic ("name", "home", "likes tea"): one fact per topic per user, tier and scope, which
-- a later statement updates or retracts instead of piling up beside it.
ALTER TABLE memory_fact ADD COLUMN topic TEXT NOT NULL DEFAULT '';
ALTER TABLE memory_fact ALTER COLUMN topic DROP DEFAULT;
CREATE UNIQUE INDEX memory_fact_topic ON memory_fact (scope, user_id, persona_id, topic);

-- Whether facts were looked for in a user turn yet (the extractor's queue).
ALTER TABLE conversation_message ADD COLUMN facts_checked BOOLEAN NOT NULL DEFAULT false;
UPDATE conversation_message SET facts_checked = true WHERE role <> 'user';
CREATE INDEX conversation_message_facts_to_check ON conversation_message (seq) WHERE NOT facts_checked;
