-- Durable workflow journal, H2. Idempotent: safe to run on every start.
CREATE TABLE IF NOT EXISTS workflow_run (
    id          VARCHAR(255)              NOT NULL PRIMARY KEY,
    name        VARCHAR(255)              NOT NULL,
    state       VARCHAR(16)               NOT NULL,
    args        CLOB                      NOT NULL,
    result      CLOB,
    error       CLOB,
    handler_error CLOB,
    stalled     CLOB,
    started_version VARCHAR(255),
    last_version VARCHAR(255),
    owner       VARCHAR(255),
    due_at      TIMESTAMP(6) WITH TIME ZONE,
    signals     BIGINT       DEFAULT 0 NOT NULL,
    parent_id   VARCHAR(255),
    deadline_at TIMESTAMP(6) WITH TIME ZONE,
    forked_from VARCHAR(255),
    queue       VARCHAR(255),
    priority    INTEGER,
    dedup_id    VARCHAR(255),
    started_at  TIMESTAMP(6) WITH TIME ZONE,
    handler     VARCHAR(255),
    context     CLOB,
    trace_context VARCHAR(1000),
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP(6) WITH TIME ZONE
);

-- Journals created before runs stored their trace context get the column here.
ALTER TABLE workflow_run ADD COLUMN IF NOT EXISTS trace_context VARCHAR(1000);

-- The last failure of a run's completion handler.
ALTER TABLE workflow_run ADD COLUMN IF NOT EXISTS handler_error CLOB;

-- Why a run in progress is parked: its replay diverged from its journal (cleared when a node claims it).
ALTER TABLE workflow_run ADD COLUMN IF NOT EXISTS stalled CLOB;

-- The application version (workflow.code-version) a run started on, and the one that last claimed it.
ALTER TABLE workflow_run ADD COLUMN IF NOT EXISTS started_version VARCHAR(255);
ALTER TABLE workflow_run ADD COLUMN IF NOT EXISTS last_version VARCHAR(255);

-- When a run in progress is canceled unless it has finished (StartOptions.deadline), and the run a
-- fork copied its first steps from.
ALTER TABLE workflow_run ADD COLUMN IF NOT EXISTS deadline_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE workflow_run ADD COLUMN IF NOT EXISTS forked_from VARCHAR(255);

-- The named queue a run executes in (workflow.queues), its priority there (lower first), the
-- deduplication id it holds while in progress, and when it first began executing.
ALTER TABLE workflow_run ADD COLUMN IF NOT EXISTS queue VARCHAR(255);
ALTER TABLE workflow_run ADD COLUMN IF NOT EXISTS priority INTEGER;
ALTER TABLE workflow_run ADD COLUMN IF NOT EXISTS dedup_id VARCHAR(255);
ALTER TABLE workflow_run ADD COLUMN IF NOT EXISTS started_at TIMESTAMP(6) WITH TIME ZONE;

CREATE INDEX IF NOT EXISTS workflow_run_due_idx ON workflow_run (state, due_at);

-- Each poll cancels the runs in progress whose deadline has passed.
CREATE INDEX IF NOT EXISTS workflow_run_deadline_idx ON workflow_run (state, deadline_at);

-- A queue's claim: its runs in progress by priority and due time, and the starts of execution in
-- the rate limit's window; one run in progress per deduplication id (H2 has no partial index: a
-- generated key, NULL once the run has finished, is unique).
CREATE INDEX IF NOT EXISTS workflow_run_queue_idx ON workflow_run (queue, state, priority, due_at);
CREATE INDEX IF NOT EXISTS workflow_run_queue_started_idx ON workflow_run (queue, started_at);
ALTER TABLE workflow_run ADD COLUMN IF NOT EXISTS dedup_key VARCHAR(520)
    GENERATED ALWAYS AS (CASE WHEN state = 'IN_PROGRESS' AND dedup_id IS NOT NULL THEN queue || '/' || dedup_id END);
CREATE UNIQUE INDEX IF NOT EXISTS workflow_run_dedup_idx ON workflow_run (dedup_key);

-- A node's lease renewal reads the runs it holds.
CREATE INDEX IF NOT EXISTS workflow_run_owner_idx ON workflow_run (owner);

-- Listing: by creation time, by name, by state, and a parent's children, each in creation order.
CREATE INDEX IF NOT EXISTS workflow_run_created_idx ON workflow_run (created_at, id);
CREATE INDEX IF NOT EXISTS workflow_run_name_idx ON workflow_run (name, created_at, id);
CREATE INDEX IF NOT EXISTS workflow_run_state_idx ON workflow_run (state, created_at, id);
CREATE INDEX IF NOT EXISTS workflow_run_parent_idx ON workflow_run (parent_id, created_at, id);

-- Retention: finished top-level runs by state, oldest first (children go with their parent).
CREATE INDEX IF NOT EXISTS workflow_run_finished_idx ON workflow_run (state, finished_at);

CREATE TABLE IF NOT EXISTS workflow_step (
    run_id      VARCHAR(255)              NOT NULL,
    seq         INTEGER                   NOT NULL,
    name        VARCHAR(255)              NOT NULL,
    state       VARCHAR(16)               NOT NULL,
    attempts    INTEGER                   NOT NULL,
    failures    INTEGER                   DEFAULT 0 NOT NULL,
    result      CLOB,
    error       CLOB,
    started_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP(6) WITH TIME ZONE,
    wake_at     TIMESTAMP(6) WITH TIME ZONE,
    PRIMARY KEY (run_id, seq)
);

-- Journals created before steps counted their failures apart from their attempts get the column here.
ALTER TABLE workflow_step ADD COLUMN IF NOT EXISTS failures INTEGER DEFAULT 0 NOT NULL;

-- Events sent to runs: named ones are consumed in the order sent (ordinal), and one created with
-- createEvent is addressed by its id only.
CREATE TABLE IF NOT EXISTS workflow_event (
    id          VARCHAR(255) NOT NULL PRIMARY KEY,
    ordinal     BIGINT       GENERATED BY DEFAULT AS IDENTITY NOT NULL,
    run_id      VARCHAR(255) NOT NULL,
    name        VARCHAR(255) NOT NULL,
    by_id       BOOLEAN      NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    payload     CLOB,
    error       CLOB,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    sent_at     TIMESTAMP(6) WITH TIME ZONE,
    consumed_at TIMESTAMP(6) WITH TIME ZONE
);

CREATE INDEX IF NOT EXISTS workflow_event_pending_idx ON workflow_event (run_id, state, name, ordinal);

-- One row per named queue, locked by the node claiming its runs: claims of a queue take turns, so
-- its limits hold across nodes.
CREATE TABLE IF NOT EXISTS workflow_queue (
    name VARCHAR(255) NOT NULL PRIMARY KEY
);

-- Locks that let one node at a time do a housekeeping job (retention), until locked_until.
CREATE TABLE IF NOT EXISTS workflow_lock (
    name         VARCHAR(64)  NOT NULL PRIMARY KEY,
    owner        VARCHAR(255) NOT NULL,
    locked_until TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
