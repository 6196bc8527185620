-- Each fold also tells what its own stretch of turns was about (an episode), from when (from_at) until when (until_at),
-- with the embedding of what it tells: a message about something long past recalls the stretch it was said in, which
-- the rolling summary has condensed away. Versions made before have none. An episode goes with its version: whatever
-- erases a summary (a user's erasure, a deleted message it folded) erases the episode too.
ALTER TABLE conversation_summary ADD COLUMN episode TEXT;
ALTER TABLE conversation_summary ADD COLUMN from_at TIMESTAMPTZ;
ALTER TABLE conversation_summary ADD COLUMN episode_vector BYTEA;
