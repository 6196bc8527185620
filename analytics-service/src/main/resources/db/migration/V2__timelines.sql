-- Each message's way through acore, step by step (received, published, picked up by persona-service, memory
-- recalled, model asked, first token, completed, reply published, delivered or failed, errors on the way), by the
-- trace id its events carry; found by that id or by the id of any event on it (message, reply, delivery). Two days.
CREATE TABLE trace_step (
    trace_id TEXT        NOT NULL,
    event_id TEXT        NOT NULL,
    step     TEXT        NOT NULL,
    at       TIMESTAMPTZ NOT NULL,
    service  TEXT        NOT NULL,
    detail   TEXT,
    PRIMARY KEY (trace_id, event_id, step)
);
CREATE INDEX trace_step_event ON trace_step (event_id);
CREATE INDEX trace_step_at ON trace_step (at);

-- An error links to its message's timeline.
ALTER TABLE recent_error ADD COLUMN trace_id TEXT;
