-- How far each conversation's rolling summary has got: the summary maker folds turns once enough are unsummarised.
CREATE TABLE conversation_progress (
    conversation_id TEXT   PRIMARY KEY,
    scope           TEXT   NOT NULL,
    summarised_seq  BIGINT NOT NULL DEFAULT 0,
    unsummarised    INT    NOT NULL DEFAULT 0
);
CREATE INDEX conversation_progress_unsummarised ON conversation_progress (unsummarised);

INSERT INTO conversation_progress (conversation_id, scope, unsummarised)
SELECT conversation_id, min(scope), count(*) FROM conversation_message GROUP BY conversation_id;
