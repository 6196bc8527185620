-- Every event counted, by kind and id: an event read again (a redelivery, a replica taking a partition over, a
-- restart) adds nothing. Kept two days, long after any redelivery; a member's first message of a day is kept here too
-- (kind 'user:<day>'), which is how active members are counted once a day.
CREATE TABLE counted_event (
    kind       TEXT        NOT NULL,
    id         TEXT        NOT NULL,
    counted_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, id)
);
CREATE INDEX counted_event_age ON counted_event (counted_at);

-- What happened per minute (kept two days) and per hour (kept 400 days), by metric and label (a persona, a model, a
-- service, a topic; '' when none), at the time the event's record was written.
CREATE TABLE activity_minute (
    minute TIMESTAMPTZ NOT NULL,
    metric TEXT        NOT NULL,
    label  TEXT        NOT NULL,
    amount BIGINT      NOT NULL,
    PRIMARY KEY (minute, metric, label)
);
CREATE TABLE activity_hour (
    hour   TIMESTAMPTZ NOT NULL,
    metric TEXT        NOT NULL,
    label  TEXT        NOT NULL,
    amount BIGINT      NOT NULL,
    PRIMARY KEY (hour, metric, label)
);
CREATE INDEX activity_hour_metric ON activity_hour (metric, hour);

-- The latest errors, with where they came from and why (the newest 200 kept).
CREATE TABLE recent_error (
    id     TEXT        PRIMARY KEY,
    at     TIMESTAMPTZ NOT NULL,
    source TEXT        NOT NULL,
    type   TEXT        NOT NULL,
    detail TEXT
);
CREATE INDEX recent_error_at ON recent_error (at DESC);
