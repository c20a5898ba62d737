package io.durable.workflow.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import static io.durable.workflow.journal.JournalJdbc.setInstant;

/**
 * The statements that bring runs back after they ended: a resume puts a failed or
 * canceled run back in progress where it stopped, and a fork copies the first steps of a
 * run into a new one.
 *
 * <p>
 * Internal API: it may change in any release.
 */
public final class RestartStore {

	/** What a resume makes of a run: in progress, due now, held by no node. */
	private static final String RESUME_RUN = "UPDATE workflow_run SET state = 'IN_PROGRESS', result = NULL,"
			+ " error = NULL, handler_error = NULL, stalled = NULL, deadline_at = NULL, owner = NULL, due_at = ?,"
			+ " finished_at = NULL WHERE id = ? AND state IN ('FAILED', 'CANCELED')";

	private final JournalJdbc jdbc;

	RestartStore(JournalJdbc jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The steps of a run that a resume runs afresh, where the run stopped: every step
	 * without a result (running, waiting, failed) but a failed one the run went on from,
	 * which a later step started after it ended shows: the workflow caught that failure,
	 * and its replay meets it again as it did.
	 */
	private static final String WHERE_IT_STOPPED = "WHERE run_id = ? AND state <> 'COMPLETED' AND NOT (state ="
			+ " 'FAILED' AND EXISTS (SELECT 1 FROM workflow_step later WHERE later.run_id = workflow_step.run_id"
			+ " AND later.seq > workflow_step.seq AND later.started_at >= workflow_step.finished_at))";

	/**
	 * Puts a failed or canceled run back in progress, due now, without a deadline, and
	 * deletes its steps where it stopped (see {@link #WHERE_IT_STOPPED}), so that its
	 * replay runs them afresh; and the same for the failed or canceled children it waited
	 * for there, whose parents will wait for them again. In one transaction (the current
	 * one, if any).
	 * @param childId the id of the child a run starts at a position of its journal
	 * @return the workflow names of the runs resumed, by run id, the run first, parents
	 * before children; empty if the run was neither failed nor canceled
	 */
	public Map<String, String> resume(String id, String name, Instant now,
			BiFunction<String, Integer, String> childId) {
		return this.jdbc.inTransaction("resume run " + id, (connection) -> {
			Map<String, String> resumed = new LinkedHashMap<>();
			if (!resumeRun(connection, id, now)) {
				return resumed;
			}
			resumed.put(id, name);
			List<String> parents = List.of(id);
			while (!parents.isEmpty()) {
				List<String> children = new ArrayList<>();
				for (String parent : parents) {
					Set<String> waitedFor = new HashSet<>();
					for (int position : resetSteps(connection, parent)) {
						waitedFor.add(childId.apply(parent, position));
					}
					for (Map.Entry<String, String> child : endedChildren(connection, parent).entrySet()) {
						if (waitedFor.contains(child.getKey()) && resumeRun(connection, child.getKey(), now)) {
							children.add(child.getKey());
							resumed.put(child.getKey(), child.getValue());
						}
					}
				}
				parents = children;
			}
			return resumed;
		});
	}

	private static boolean resumeRun(Connection connection, String id, Instant now) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(RESUME_RUN)) {
			setInstant(statement, 1, now);
			statement.setString(2, id);
			return statement.executeUpdate() == 1;
		}
	}

	/**
	 * Deletes a run's steps where it stopped.
	 * @return their positions
	 */
	private static List<Integer> resetSteps(Connection connection, String id) throws SQLException {
		List<Integer> positions = new ArrayList<>();
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT seq FROM workflow_step " + WHERE_IT_STOPPED)) {
			statement.setString(1, id);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					positions.add(rows.getInt(1));
				}
			}
		}
		try (PreparedStatement statement = connection
			.prepareStatement("DELETE FROM workflow_step " + WHERE_IT_STOPPED)) {
			statement.setString(1, id);
			statement.executeUpdate();
		}
		return positions;
	}

	/** A run's failed or canceled children: their names by id. */
	private static Map<String, String> endedChildren(Connection connection, String parentId) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT id, name FROM workflow_run"
				+ " WHERE parent_id = ? AND state IN ('FAILED', 'CANCELED') ORDER BY created_at, id")) {
			statement.setString(1, parentId);
			Map<String, String> children = new LinkedHashMap<>();
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					children.put(rows.getString(1), rows.getString(2));
				}
			}
			return children;
		}
	}

	/**
	 * Copies a run's steps before a position into another run's journal, as they are.
	 * @return how many were copied
	 */
	public int copySteps(String from, String to, int before) {
		return this.jdbc.execute("copy the first steps of " + from, (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement("INSERT INTO workflow_step ("
					+ StepStore.STEP_COLUMNS + ") SELECT state, attempts, failures, result, error, started_at,"
					+ " finished_at, wake_at, ?, seq, name FROM workflow_step WHERE run_id = ? AND seq < ?")) {
				statement.setString(1, to);
				statement.setString(2, from);
				statement.setInt(3, before);
				return statement.executeUpdate();
			}
		});
	}

}
