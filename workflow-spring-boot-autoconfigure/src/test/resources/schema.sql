CREATE TABLE IF NOT EXISTS ledger_entry (
    id          BIGINT         NOT NULL PRIMARY KEY,
    workflow_id VARCHAR(255),
    amount      NUMERIC(38, 2)
);
CREATE SEQUENCE IF NOT EXISTS ledger_entry_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE IF NOT EXISTS completion_log (
    workflow_id VARCHAR(255) NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    outcome     VARCHAR(4000),
    context     VARCHAR(4000)
);
