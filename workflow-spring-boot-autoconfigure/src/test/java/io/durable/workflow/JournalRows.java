package io.durable.workflow;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes journal rows directly, as a node that has since died left them, so that tests
 * can stage what this node finds when it claims the run.
 */
final class JournalRows {

	private final JdbcClient jdbc;

	JournalRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A run whose node died: due at once, so its journal must be written first. */
	void deadNodeRun(String id, String workflow, String args) {
		run(id, workflow, args, "dead-node", Instant.now().minusSeconds(1));
	}

	void run(String id, String workflow, String args, String owner, Instant dueAt) {
		this.jdbc
			.sql("insert into workflow_run (id, name, state, args, owner, due_at, created_at)"
					+ " values (?, ?, 'IN_PROGRESS', ?, ?, ?, ?)")
			.params(id, workflow, args, owner, utc(dueAt), utc(Instant.now()))
			.update();
	}

	void step(String id, int sequence, String name, String state, String result, String error) {
		OffsetDateTime now = utc(Instant.now());
		this.jdbc
			.sql("insert into workflow_step (run_id, seq, name, state, attempts, result, error, started_at,"
					+ " finished_at) values (?, ?, ?, ?, 1, ?, ?, ?, ?)")
			.params(id, sequence, name, state, result, error, now, "RUNNING".equals(state) ? null : now)
			.update();
	}

	static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
