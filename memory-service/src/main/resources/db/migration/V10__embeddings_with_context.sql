-- Embeddings now come from bge-small-en-v1.5, and a turn is embedded with the turn before it: the vectors stored
-- before (all-MiniLM-L6-v2, each turn alone) are not comparable with the new ones. Every turn and operator document
-- is embedded again in the background; until a turn is, recall finds it by its words.
DELETE FROM memory_embedding WHERE owner_kind IN ('message', 'document');
UPDATE conversation_message SET embedded = false WHERE embedded;
DELETE FROM memory_document_chunk;
