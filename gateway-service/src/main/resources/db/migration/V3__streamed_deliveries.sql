-- A reply streamed on Discord: its first messages were posted with the text so far and edited as it grew; their ids
-- are in message_ids like any piece's. The final delivery edits them into the answer instead of posting it again.
ALTER TABLE discord_delivery ADD COLUMN streamed BOOLEAN NOT NULL DEFAULT false;
