-- With pgvector on the server, embeddings are also kept in an `embedding` column with an HNSW index (cosine
-- distance), so that similarity search can run in PostgreSQL (ACORE_MEMORY_RECALL_IN_DATABASE); without it (the
-- embedded default), or for a role that may not create the extension, nothing changes. Installing pgvector later?
-- Run `CREATE EXTENSION vector` and this file's ALTER and CREATE INDEX statements by hand; memory-service fills
-- the column for the rows stored before.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
        RETURN;
    END IF;
    BEGIN
        CREATE EXTENSION IF NOT EXISTS vector;
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'pgvector is installed but this role may not create the extension: portable search';
        RETURN;
    END;
    EXECUTE 'ALTER TABLE memory_embedding ADD COLUMN embedding vector(384)';
    EXECUTE 'CREATE INDEX memory_embedding_hnsw ON memory_embedding USING hnsw (embedding vector_cosine_ops)';
    -- the rows stored before, which memory-service fills in the background
    EXECUTE 'CREATE INDEX memory_embedding_unfilled ON memory_embedding (seq) WHERE embedding IS NULL';
END
$$;
