-- Embeddings now come from e5-small-v2, whose vectors are not comparable with bge-small-en-v1.5's. Every turn and
-- operator document is embedded again in the background (until a turn is, recall finds it by its words); facts' and
-- episodes' meanings are cleared and filled in again in the background (until then a fact is shown by how sure it is,
-- an episode by the time it tells of).
DELETE FROM memory_embedding WHERE owner_kind IN ('message', 'document');
UPDATE conversation_message SET embedded = false WHERE embedded;
DELETE FROM memory_document_chunk;
UPDATE memory_fact SET vector = NULL WHERE vector IS NOT NULL;
UPDATE conversation_summary SET episode_vector = NULL WHERE episode_vector IS NOT NULL;
CREATE INDEX memory_fact_without_meaning ON memory_fact (id) WHERE vector IS NULL;
CREATE INDEX conversation_summary_without_meaning ON conversation_summary (conversation_id, version)
    WHERE episode IS NOT NULL AND episode_vector IS NULL;
