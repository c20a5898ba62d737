package io.durable.workflow.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.durable.workflow.WorkflowState;

import static io.durable.workflow.journal.JournalJdbc.bindAll;
import static io.durable.workflow.journal.JournalJdbc.catchingDuplicate;
import static io.durable.workflow.journal.JournalJdbc.chunks;
import static io.durable.workflow.journal.JournalJdbc.ids;
import static io.durable.workflow.journal.JournalJdbc.placeholders;
import static io.durable.workflow.journal.JournalJdbc.setInstant;

/**
 * Deleting finished runs with everything they own (their children, steps and events), one
 * at a time by cleanup or in batches by retention, and the named locks in
 * {@code workflow_lock} that let one node at a time do such housekeeping.
 *
 * <p>
 * Internal API: it may change in any release.
 */
public final class RetentionStore {

	/**
	 * The oldest top-level runs in a state that finished before a time (retention's
	 * batch), by state, time and limit; public for plan checks.
	 */
	public static final String PAST_RETENTION = "SELECT id FROM workflow_run WHERE state = ? AND finished_at < ?"
			+ " AND parent_id IS NULL ORDER BY finished_at FETCH FIRST ? ROWS ONLY";

	private final JournalJdbc jdbc;

	RetentionStore(JournalJdbc jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Deletes everything stored for a finished run and its child workflows (all finished
	 * with it): their events, their steps and the runs, in one transaction.
	 * @return the ids of the runs deleted: it and its descendants
	 */
	public List<String> deleteRun(String id) {
		return this.jdbc.inTransaction("delete run " + id, (connection) -> deleteTrees(connection, List.of(id)));
	}

	/**
	 * Deletes up to {@code limit} top-level runs in the given state that finished before
	 * the given time, oldest first, with their child workflows, in one transaction.
	 * @return the top-level runs deleted, and with their descendants
	 */
	public Deleted deleteFinished(WorkflowState state, Instant finishedBefore, int limit) {
		return this.jdbc.inTransaction("delete " + state + " runs finished before " + finishedBefore, (connection) -> {
			List<String> roots;
			try (PreparedStatement statement = connection.prepareStatement(PAST_RETENTION)) {
				statement.setString(1, state.name());
				setInstant(statement, 2, finishedBefore);
				statement.setInt(3, limit);
				roots = ids(statement, new ArrayList<>());
			}
			return new Deleted(roots.size(), deleteTrees(connection, roots));
		});
	}

	/**
	 * Deletes runs with their descendants: events, steps, then the runs.
	 * @return the ids of every run deleted
	 */
	private static List<String> deleteTrees(Connection connection, List<String> roots) throws SQLException {
		List<String> runs = new ArrayList<>(roots);
		List<String> level = roots;
		while (!level.isEmpty()) {
			List<String> children = new ArrayList<>();
			for (List<String> chunk : chunks(level)) {
				try (PreparedStatement statement = connection.prepareStatement(
						"SELECT id FROM workflow_run WHERE parent_id IN (" + placeholders(chunk.size()) + ")")) {
					bindAll(statement, chunk);
					ids(statement, children);
				}
			}
			runs.addAll(children);
			level = children;
		}
		for (List<String> chunk : chunks(runs)) {
			for (String sql : List.of("DELETE FROM workflow_event WHERE run_id IN (",
					"DELETE FROM workflow_step WHERE run_id IN (", "DELETE FROM workflow_run WHERE id IN (")) {
				try (PreparedStatement statement = connection
					.prepareStatement(sql + placeholders(chunk.size()) + ")")) {
					bindAll(statement, chunk);
					statement.executeUpdate();
				}
			}
		}
		return runs;
	}

	/**
	 * Takes or renews a named lock for {@code owner} until the given time, if no other
	 * node holds it now.
	 * @return whether {@code owner} holds the lock
	 */
	public boolean tryLock(String name, String owner, Instant now, Instant until) {
		boolean renewed = this.jdbc.execute("take lock " + name, (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement("UPDATE workflow_lock SET owner = ?,"
					+ " locked_until = ? WHERE name = ? AND (owner = ? OR locked_until <= ?)")) {
				statement.setString(1, owner);
				setInstant(statement, 2, until);
				statement.setString(3, name);
				statement.setString(4, owner);
				setInstant(statement, 5, now);
				return statement.executeUpdate() == 1;
			}
		});
		return renewed || this.jdbc.execute("create lock " + name, (connection) -> catchingDuplicate(() -> {
			try (PreparedStatement statement = connection
				.prepareStatement("INSERT INTO workflow_lock (name, owner, locked_until) VALUES (?, ?, ?)")) {
				statement.setString(1, name);
				statement.setString(2, owner);
				setInstant(statement, 3, until);
				return statement.executeUpdate() == 1;
			}
		}));
	}

	/**
	 * What a retention batch deleted.
	 *
	 * @param roots how many top-level runs
	 * @param runs the ids of those and of their descendants
	 */
	public record Deleted(int roots, List<String> runs) {
	}

}
