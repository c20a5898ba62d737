-- Durable workflow journal, PostgreSQL. Idempotent: safe to run on every start.
CREATE TABLE IF NOT EXISTS workflow_run (
    id          VARCHAR(255) NOT NULL PRIMARY KEY,
    name        VARCHAR(255) NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    args        TEXT         NOT NULL,
    result      TEXT,
    error       TEXT,
    handler_error TEXT,
    stalled     TEXT,
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
    context     TEXT,
    trace_context VARCHAR(1000),
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP(6) WITH TIME ZONE
);

-- Journals created before runs stored their trace context get the column here.
ALTER TABLE workflow_run ADD COLUMN IF NOT EXISTS trace_context VARCHAR(1000);

-- The last failure of a run's completion handler.
ALTER TABLE workflow_run ADD COLUMN IF NOT EXISTS handler_error TEXT;

-- Why a run in progress is parked: its replay diverged from its journal (cleared when a node claims it).
ALTER TABLE workflow_run ADD COLUMN IF NOT EXISTS stalled TEXT;

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

-- Only unfinished runs are ever claimed, so only they are indexed by due time.
CREATE INDEX IF NOT EXISTS workflow_run_due_idx ON workflow_run (due_at) WHERE state = 'IN_PROGRESS';

-- Each poll cancels the runs in progress whose deadline has passed.
CREATE INDEX IF NOT EXISTS workflow_run_deadline_idx ON workflow_run (deadline_at) WHERE state = 'IN_PROGRESS' AND deadline_at IS NOT NULL;

-- A queue's claim: its runs in progress by priority and due time, those held by a node, the
-- starts of execution in the rate limit's window, and one run in progress per deduplication id.
CREATE INDEX IF NOT EXISTS workflow_run_queue_idx ON workflow_run (queue, priority, due_at) WHERE state = 'IN_PROGRESS' AND queue IS NOT NULL;
CREATE INDEX IF NOT EXISTS workflow_run_queue_held_idx ON workflow_run (queue, due_at) WHERE state = 'IN_PROGRESS' AND owner IS NOT NULL AND queue IS NOT NULL;
CREATE INDEX IF NOT EXISTS workflow_run_queue_started_idx ON workflow_run (queue, started_at) WHERE queue IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS workflow_run_dedup_idx ON workflow_run (queue, dedup_id) WHERE state = 'IN_PROGRESS' AND dedup_id IS NOT NULL;

-- A node's lease renewal reads the runs it holds (only held runs have an owner).
CREATE INDEX IF NOT EXISTS workflow_run_owner_idx ON workflow_run (owner) WHERE owner IS NOT NULL;

-- Listing: by creation time, by name, by state, and a parent's children, each in creation order.
CREATE INDEX IF NOT EXISTS workflow_run_created_idx ON workflow_run (created_at, id);
CREATE INDEX IF NOT EXISTS workflow_run_name_idx ON workflow_run (name, created_at, id);
CREATE INDEX IF NOT EXISTS workflow_run_state_idx ON workflow_run (state, created_at, id);
CREATE INDEX IF NOT EXISTS workflow_run_parent_idx ON workflow_run (parent_id, created_at, id);

-- Retention: finished top-level runs by state, oldest first (children go with their parent).
CREATE INDEX IF NOT EXISTS workflow_run_finished_idx ON workflow_run (state, finished_at) WHERE parent_id IS NULL;

CREATE TABLE IF NOT EXISTS workflow_step (
    run_id      VARCHAR(255) NOT NULL,
    seq         INTEGER      NOT NULL,
    name        VARCHAR(255) NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    attempts    INTEGER      NOT NULL,
    failures    INTEGER      DEFAULT 0 NOT NULL,
    result      TEXT,
    error       TEXT,
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
    payload     TEXT,
    error       TEXT,
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

-- The nodes that hold a session advisory lock (LIVENESS_LOCK, lock_key) while their process lives:
-- once a node's lock is gone, another node takes its runs over without waiting for their leases.
CREATE TABLE IF NOT EXISTS workflow_node (
    node_id    VARCHAR(255) NOT NULL PRIMARY KEY,
    lock_key   INTEGER      NOT NULL,
    started_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

-- Runs whose live status a node streams (GET /actuator/workflows/{id}/stream), until the watch is
-- renewed or expires. The triggers below send NOTIFY workflow_changes, '<run id>' when one of
-- them (or a child of one) changes, so that every node streaming it hears of it at once; runs
-- nobody watches cost the triggers one look at this table, which is empty most of the time.
CREATE TABLE IF NOT EXISTS workflow_watch (
    run_id VARCHAR(255) NOT NULL,
    node   VARCHAR(255) NOT NULL,
    until  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (run_id, node)
);

CREATE OR REPLACE FUNCTION workflow_notify_steps() RETURNS trigger LANGUAGE plpgsql AS '
BEGIN
    IF EXISTS (SELECT 1 FROM workflow_watch) THEN
        PERFORM pg_notify(''workflow_changes'', w.run_id)
        FROM (SELECT DISTINCT run_id FROM workflow_watch
              WHERE until > now() AND run_id IN (SELECT run_id FROM changed)) w;
    END IF;
    RETURN NULL;
END';

CREATE OR REPLACE FUNCTION workflow_notify_runs() RETURNS trigger LANGUAGE plpgsql AS '
BEGIN
    IF EXISTS (SELECT 1 FROM workflow_watch) THEN
        IF TG_OP = ''INSERT'' THEN
            PERFORM pg_notify(''workflow_changes'', w.run_id)
            FROM (SELECT DISTINCT run_id FROM workflow_watch
                  WHERE until > now() AND run_id IN (SELECT parent_id FROM changed)) w;
        ELSE
            PERFORM pg_notify(''workflow_changes'', w.run_id)
            FROM (SELECT DISTINCT run_id FROM workflow_watch
                  WHERE until > now() AND run_id IN (
                      SELECT c.id FROM changed c JOIN before b ON b.id = c.id
                      WHERE c.state <> b.state OR c.error IS DISTINCT FROM b.error
                      UNION SELECT c.parent_id FROM changed c JOIN before b ON b.id = c.id
                      WHERE c.state <> b.state)) w;
        END IF;
    END IF;
    RETURN NULL;
END';

DO '
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = ''workflow_step''::regclass AND tgname = ''workflow_step_inserted'') THEN
        CREATE TRIGGER workflow_step_inserted AFTER INSERT ON workflow_step REFERENCING NEW TABLE AS changed
            FOR EACH STATEMENT EXECUTE FUNCTION workflow_notify_steps();
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = ''workflow_step''::regclass AND tgname = ''workflow_step_updated'') THEN
        CREATE TRIGGER workflow_step_updated AFTER UPDATE ON workflow_step REFERENCING NEW TABLE AS changed
            FOR EACH STATEMENT EXECUTE FUNCTION workflow_notify_steps();
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = ''workflow_run''::regclass AND tgname = ''workflow_run_inserted'') THEN
        CREATE TRIGGER workflow_run_inserted AFTER INSERT ON workflow_run REFERENCING NEW TABLE AS changed
            FOR EACH STATEMENT EXECUTE FUNCTION workflow_notify_runs();
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = ''workflow_run''::regclass AND tgname = ''workflow_run_updated'') THEN
        CREATE TRIGGER workflow_run_updated AFTER UPDATE ON workflow_run REFERENCING OLD TABLE AS before NEW TABLE AS changed
            FOR EACH STATEMENT EXECUTE FUNCTION workflow_notify_runs();
    END IF;
END';
