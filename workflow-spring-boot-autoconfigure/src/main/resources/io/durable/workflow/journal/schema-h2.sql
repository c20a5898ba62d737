-- Durable workflow journal, H2. Idempotent: safe to run on every start.
CREATE TABLE IF NOT EXISTS workflow_run (
    id          VARCHAR(255)              NOT NULL PRIMARY KEY,
    name        VARCHAR(255)              NOT NULL,
    state       VARCHAR(16)               NOT NULL,
    args        CLOB                      NOT NULL,
    result      CLOB,
    error       CLOB,
    owner       VARCHAR(255),
    due_at      TIMESTAMP(6) WITH TIME ZONE,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP(6) WITH TIME ZONE
);

CREATE INDEX IF NOT EXISTS workflow_run_due_idx ON workflow_run (state, due_at);

CREATE TABLE IF NOT EXISTS workflow_step (
    run_id      VARCHAR(255)              NOT NULL,
    seq         INTEGER                   NOT NULL,
    name        VARCHAR(255)              NOT NULL,
    state       VARCHAR(16)               NOT NULL,
    attempts    INTEGER                   NOT NULL,
    result      CLOB,
    error       CLOB,
    started_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP(6) WITH TIME ZONE,
    wake_at     TIMESTAMP(6) WITH TIME ZONE,
    PRIMARY KEY (run_id, seq)
);
