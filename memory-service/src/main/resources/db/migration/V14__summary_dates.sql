-- When the newest turn a summary folds in was said: a prompt says up to when the summary tells. Summaries made
-- before have none and are dated by when they were made.
ALTER TABLE conversation_summary ADD COLUMN until_at TIMESTAMPTZ;
