-- A fact holds from when it was said until a later statement changed or retracted it. What held before is kept,
-- with when it stopped holding, so that "where did I live before?" has an answer; one fact per topic holds at a time.
ALTER TABLE memory_fact ADD COLUMN valid_from TIMESTAMPTZ;
UPDATE memory_fact SET valid_from = created_at;
ALTER TABLE memory_fact ALTER COLUMN valid_from SET NOT NULL;
ALTER TABLE memory_fact ALTER COLUMN valid_from SET DEFAULT now();
ALTER TABLE memory_fact ADD COLUMN valid_until TIMESTAMPTZ;
DROP INDEX memory_fact_topic;
CREATE UNIQUE INDEX memory_fact_topic ON memory_fact (scope, user_id, persona_id, topic) WHERE valid_until IS NULL;
-- What the fact means (the turns' embedding model, float32 little-endian): the facts a message is about are the ones
-- its prompt shows. Facts stored before have none and are shown by how sure they are.
ALTER TABLE memory_fact ADD COLUMN vector BYTEA;
