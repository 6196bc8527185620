-- A conversation whose fold failed (the model down, a refusal, an answer that is no summary) waits before it is
-- tried again, longer after each failure in a row, instead of costing a model call every round.
ALTER TABLE conversation_progress ADD COLUMN failed_folds INT NOT NULL DEFAULT 0;
ALTER TABLE conversation_progress ADD COLUMN retry_after TIMESTAMPTZ;
