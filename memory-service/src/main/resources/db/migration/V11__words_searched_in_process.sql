-- Recall finds turns by their words in each scope's search index on the replica (Lucene, topped up from
-- memory_embedding with each turn's text), no longer in PostgreSQL: the generated tsvector column and its GIN index
-- only slowed every insert.
DROP INDEX IF EXISTS conversation_message_scope_words;
ALTER TABLE conversation_message DROP COLUMN IF EXISTS words;
