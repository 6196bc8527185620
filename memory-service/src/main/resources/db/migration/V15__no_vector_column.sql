-- Similarity search runs in memory-service's own per-scope index; the pgvector column and its HNSW index (V9, made
-- only where the server had pgvector) were a second, slower search kept up to date on every insert. Dropping the
-- column drops its indexes with it; the extension stays, for whatever else the server holds.
ALTER TABLE memory_embedding DROP COLUMN IF EXISTS embedding;
