-- Checks and their evidence. Timestamps are RFC 3339 UTC text of fixed width (sortable).
CREATE TABLE attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    lab TEXT NOT NULL,
    account TEXT,
    region TEXT,
    caller TEXT NOT NULL,
    checked_at TEXT NOT NULL,
    status TEXT NOT NULL,
    steps_passed BIGINT NOT NULL,
    steps_total BIGINT NOT NULL,
    -- The whole sandpit_core::report::Report as JSON (findings in every language).
    report TEXT NOT NULL,
    -- The evaluated snapshot's JSON, compressed as evidence_format says, and its SHA-256.
    evidence BLOB NOT NULL,
    evidence_format TEXT NOT NULL,
    evidence_sha256 TEXT NOT NULL
);

CREATE INDEX attempts_by_lab ON attempts (lab, checked_at);

-- One row per step of an attempt, for progress and classroom matrices without parsing JSON.
CREATE TABLE attempt_steps (
    attempt_id BIGINT NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    step_id TEXT NOT NULL,
    status TEXT NOT NULL,
    PRIMARY KEY (attempt_id, position)
);
