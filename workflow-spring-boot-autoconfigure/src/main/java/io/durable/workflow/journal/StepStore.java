package io.durable.workflow.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.durable.workflow.StepState;

import static io.durable.workflow.journal.JournalJdbc.catchingDuplicate;
import static io.durable.workflow.journal.JournalJdbc.getInstant;
import static io.durable.workflow.journal.JournalJdbc.setInstant;
import static io.durable.workflow.journal.JournalJdbc.setText;

/**
 * The statements of {@code workflow_step}: a step's row inserted, moved on by its next
 * attempt or its outcome, attempts journaled as running, and a run's whole journal read
 * for replay. A step is journaled only while its run is in progress.
 *
 * <p>
 * Internal API: it may change in any release.
 */
public final class StepStore {

	static final String STEP_COLUMNS = "state, attempts, failures, result, error, started_at, finished_at,"
			+ " wake_at, run_id, seq, name";

	/**
	 * A step is journaled only while its run is in progress: a canceled run's steps move
	 * nothing on. Package-private for plan checks.
	 */
	static final String INSERT_STEP = "INSERT INTO workflow_step (" + STEP_COLUMNS + ")"
	// The run is looked up by key alone: with its state in the condition too, PostgreSQL
	// may scan the partial index of unfinished runs instead, past every entry not
	// vacuumed yet.
			+ " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE (SELECT state FROM workflow_run WHERE id = ?) = 'IN_PROGRESS'";

	private final JournalJdbc jdbc;

	StepStore(JournalJdbc jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Journals one step.
	 * @return {@code false} if that position is journaled already (another node has taken
	 * the run over) or the run is not in progress any more (it was canceled)
	 */
	public boolean insert(StepRecord step) {
		return this.jdbc.execute("journal step " + step.sequence() + " of " + step.runId(),
				(connection) -> insert(connection, step));
	}

	static boolean insert(Connection connection, StepRecord step) throws SQLException {
		return catchingDuplicate(() -> {
			try (PreparedStatement statement = connection.prepareStatement(INSERT_STEP)) {
				bindStep(statement, step);
				return statement.executeUpdate() == 1;
			}
		});
	}

	/**
	 * Moves a waiting or running step on: its next attempt's outcome, or its completion.
	 * @param expectedAttempts the attempts the row records
	 * @return {@code false} if the row is not waiting or running with those attempts any
	 * more (another node has taken the run over), or the run is not in progress any more
	 */
	public boolean update(StepRecord step, int expectedAttempts) {
		return this.jdbc.execute("journal step " + step.sequence() + " of " + step.runId(), (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(
					// A step keeps the start of its first attempt; a scheduled one takes
					// that of its first run.
					"UPDATE workflow_step SET state = ?, attempts = ?, failures = ?, result = ?, error = ?,"
							+ " started_at = CASE WHEN attempts = 0 THEN ? ELSE started_at END, finished_at = ?, wake_at = ?"
							+ " WHERE run_id = ? AND seq = ? AND name = ? AND state IN ('WAITING', 'RUNNING') AND attempts = ?"
							+ " AND (SELECT state FROM workflow_run WHERE id = ?) = 'IN_PROGRESS'")) {
				bindStep(statement, step);
				statement.setInt(12, expectedAttempts);
				statement.setString(13, step.runId());
				return statement.executeUpdate() == 1;
			}
		});
	}

	/**
	 * Journals step attempts as running, in one transaction: a first attempt inserts its
	 * step's row, a later one moves the row it follows on.
	 * @return for each, whether it was journaled: not if its position moved on meanwhile
	 * (another node has taken the run over) or its run is not in progress any more
	 */
	public boolean[] recordStarts(List<StepStart> starts) {
		return this.jdbc.inTransaction("journal " + starts.size() + " running steps", (connection) -> {
			boolean[] recorded = new boolean[starts.size()];
			String insert = INSERT_STEP + " AND NOT EXISTS (SELECT 1 FROM workflow_step WHERE run_id = ? AND seq = ?)"
					+ this.jdbc.dialect(connection).skippingDuplicates();
			try (PreparedStatement inserts = connection.prepareStatement(insert);
					PreparedStatement updates = connection
						.prepareStatement("UPDATE workflow_step SET state = '" + StepState.RUNNING.name()
								+ "', attempts = ?, started_at = CASE WHEN attempts = 0 THEN ? ELSE started_at END"
								+ " WHERE run_id = ? AND seq = ? AND state IN ('WAITING', 'RUNNING') AND attempts = ?"
								+ " AND (SELECT state FROM workflow_run WHERE id = ?) = 'IN_PROGRESS'")) {
				List<Integer> inserted = new ArrayList<>();
				List<Integer> updated = new ArrayList<>();
				for (int i = 0; i < recorded.length; i++) {
					StepStart start = starts.get(i);
					if (start.journaledAttempts() < 0) {
						bindStep(inserts, new StepRecord(start.runId(), start.sequence(), start.name(),
								StepState.RUNNING, start.attempt(), 0, null, null, start.startedAt(), null, null));
						inserts.setString(13, start.runId());
						inserts.setInt(14, start.sequence());
						inserts.addBatch();
						inserted.add(i);
					}
					else {
						updates.setInt(1, start.attempt());
						setInstant(updates, 2, start.startedAt());
						updates.setString(3, start.runId());
						updates.setInt(4, start.sequence());
						updates.setInt(5, start.journaledAttempts());
						updates.setString(6, start.runId());
						updates.addBatch();
						updated.add(i);
					}
				}
				markRecorded(recorded, inserted, inserted.isEmpty() ? new int[0] : inserts.executeBatch());
				markRecorded(recorded, updated, updated.isEmpty() ? new int[0] : updates.executeBatch());
			}
			return recorded;
		});
	}

	private static void markRecorded(boolean[] recorded, List<Integer> indexes, int[] counts) {
		for (int i = 0; i < counts.length; i++) {
			recorded[indexes.get(i)] = counts[i] == 1;
		}
	}

	/** Binds {@link #INSERT_STEP}'s parameters: the step's columns, then its run's id. */
	static void bindStep(PreparedStatement statement, StepRecord step) throws SQLException {
		statement.setString(1, step.state().name());
		statement.setInt(2, step.attempts());
		statement.setInt(3, step.failures());
		setText(statement, 4, step.result());
		setText(statement, 5, step.error());
		setInstant(statement, 6, step.startedAt());
		setInstant(statement, 7, step.finishedAt());
		setInstant(statement, 8, step.wakeAt());
		statement.setString(9, step.runId());
		statement.setInt(10, step.sequence());
		statement.setString(11, step.name());
		statement.setString(12, step.runId());
	}

	/** Loads a run's whole journal, in order, in one query. */
	public List<JournalEntry> loadJournal(String id) {
		return this.jdbc.execute("load journal of " + id, (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(
					"SELECT seq, name, state, attempts, failures, result, error, wake_at FROM workflow_step"
							+ " WHERE run_id = ?" + " ORDER BY seq")) {
				statement.setString(1, id);
				List<JournalEntry> entries = new ArrayList<>();
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						entries.add(new JournalEntry(rows.getInt(1), rows.getString(2),
								StepState.valueOf(rows.getString(3)), rows.getInt(4), rows.getInt(5), rows.getString(6),
								rows.getString(7), getInstant(rows, 8)));
					}
				}
				return entries;
			}
		});
	}

}
