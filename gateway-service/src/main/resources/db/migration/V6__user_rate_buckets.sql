-- Each member's message allowance, shared by every gateway replica: a token bucket per user, refilled evenly over
-- the minute, read and taken from in one call, so that a member's messages count the same whichever replica takes
-- them in. last_decision lets a member who runs dry be told once, not on every further message. Unlogged: a
-- message's call then waits for no write to disk, and after a crash the buckets start full, which is harmless.
CREATE UNLOGGED TABLE user_rate_bucket (
    user_id TEXT PRIMARY KEY,
    tokens DOUBLE PRECISION NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    last_decision TEXT NOT NULL
);

-- 'allow', 'tell' (the first refusal since a message got through) or 'quiet'.
CREATE FUNCTION take_message_token(user_key TEXT, per_minute INT) RETURNS TEXT AS $$
DECLARE
    bucket user_rate_bucket%ROWTYPE;
    moment TIMESTAMPTZ := clock_timestamp();
    available DOUBLE PRECISION;
    decision TEXT;
BEGIN
    INSERT INTO user_rate_bucket VALUES (user_key, per_minute, moment, 'allow') ON CONFLICT (user_id) DO NOTHING;
    SELECT * INTO bucket FROM user_rate_bucket WHERE user_id = user_key FOR UPDATE;
    available := LEAST(per_minute, bucket.tokens + EXTRACT(EPOCH FROM moment - bucket.updated_at) * per_minute / 60.0);
    IF available >= 1 THEN
        available := available - 1;
        decision := 'allow';
    ELSIF bucket.last_decision = 'allow' THEN
        decision := 'tell';
    ELSE
        decision := 'quiet';
    END IF;
    UPDATE user_rate_bucket SET tokens = available, updated_at = moment, last_decision = decision WHERE user_id = user_key;
    RETURN decision;
END
$$ LANGUAGE plpgsql SET search_path FROM CURRENT;
