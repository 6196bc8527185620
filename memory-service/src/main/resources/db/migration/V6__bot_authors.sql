-- Whether a turn was written by a bot (another bot in the channel). What bots say is history, never facts.
ALTER TABLE conversation_message ADD COLUMN by_bot BOOLEAN NOT NULL DEFAULT false;
