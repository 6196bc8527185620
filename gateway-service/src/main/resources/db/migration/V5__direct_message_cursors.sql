-- Direct-message channels get a cursor too, with the member they are with: a DM channel can only be opened by
-- naming that member, and catching up after a gap needs to open it.
ALTER TABLE discord_channel_cursor ADD COLUMN direct_user_id TEXT;
