-- Durable workflow journal, PostgreSQL. Idempotent: safe to run on every start.
CREATE TABLE IF NOT EXISTS workflow_run (
    id          VARCHAR(255) NOT NULL PRIMARY KEY,
    name        VARCHAR(255) NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    args        TEXT         NOT NULL,
    result      TEXT,
    error       TEXT,
    owner       VARCHAR(255),
    due_at      TIMESTAMP(6) WITH TIME ZONE,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP(6) WITH TIME ZONE
);

-- Only unfinished runs are ever claimed, so only they are indexed by due time.
CREATE INDEX IF NOT EXISTS workflow_run_due_idx ON workflow_run (due_at) WHERE state = 'IN_PROGRESS';

CREATE TABLE IF NOT EXISTS workflow_step (
    run_id      VARCHAR(255) NOT NULL,
    seq         INTEGER      NOT NULL,
    name        VARCHAR(255) NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    attempts    INTEGER      NOT NULL,
    result      TEXT,
    error       TEXT,
    started_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP(6) WITH TIME ZONE,
    wake_at     TIMESTAMP(6) WITH TIME ZONE,
    PRIMARY KEY (run_id, seq)
);
