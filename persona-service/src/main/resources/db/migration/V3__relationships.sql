-- How each persona stands with the members and the other personas of a place (a server: discord:<guild>; a direct
-- message or web session: its conversation). A member is kept only as the digest of their id (erasures name it);
-- persona to persona is kept both ways, changed together. score: affection (members) or affinity (personas), 0-100.
CREATE TABLE relationship (
    place        TEXT        NOT NULL,
    persona_id   TEXT        NOT NULL,
    other_kind   TEXT        NOT NULL CHECK (other_kind IN ('member', 'persona')),
    other_id     TEXT        NOT NULL,
    score        INTEGER     NOT NULL CHECK (score BETWEEN 0 AND 100),
    last_contact TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (place, persona_id, other_kind, other_id)
);
CREATE INDEX relationship_other ON relationship (other_id);

-- Judgements and exchanges applied: one read again changes nothing.
CREATE TABLE relationship_event (
    event_id   TEXT        PRIMARY KEY,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX relationship_event_applied ON relationship_event (applied_at);
