-- Before each post (a piece, or a message streaming shows) the holder notes which piece it is about to post and
-- when. A process taking the claim over then knows whether the next piece may be on Discord unnoted (its intent is
-- there) or cannot be (no intent for it), and where in the channel's history to look.
ALTER TABLE discord_delivery ADD COLUMN intent_piece INTEGER;
ALTER TABLE discord_delivery ADD COLUMN intent_at TIMESTAMPTZ;
