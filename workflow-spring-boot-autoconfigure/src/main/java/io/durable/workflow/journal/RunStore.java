package io.durable.workflow.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.durable.workflow.WorkflowState;
import org.jspecify.annotations.Nullable;

import static io.durable.workflow.journal.JournalJdbc.bindAll;
import static io.durable.workflow.journal.JournalJdbc.catchingDuplicate;
import static io.durable.workflow.journal.JournalJdbc.getInstant;
import static io.durable.workflow.journal.JournalJdbc.placeholders;
import static io.durable.workflow.journal.JournalJdbc.setInstant;
import static io.durable.workflow.journal.JournalJdbc.setText;

/**
 * The statements of {@code workflow_run} along a run's life: its start, its claim by a
 * node and release, the signals that wake it, its completion handler's failures, its
 * outcome or cancel.
 *
 * <p>
 * Internal API: it may change in any release.
 */
public final class RunStore {

	static final String IN_PROGRESS = WorkflowState.IN_PROGRESS.name();

	/**
	 * How the statements that read or change runs in a state by id or parent test the
	 * state: in a form that no index serves, so that PostgreSQL finds the runs by their
	 * key. Tested plainly ({@code state = ?}), PostgreSQL may take an index of runs by
	 * state where its statistics count almost no run in progress, as just after a burst
	 * of finished ones, which those indexes still hold until vacuumed: it then scans them
	 * all for the few runs wanted.
	 */
	static final String IN_STATE = "(state = ?) IS TRUE";

	static final String RUN_BY_ID_IN_STATE = " WHERE id = ? AND " + IN_STATE;

	/**
	 * Cancels a run in progress, by state, reason, time, id and {@code IN_PROGRESS};
	 * package-private for plan checks.
	 */
	static final String CANCEL_RUN = "UPDATE workflow_run SET state = ?, error = ?, owner = NULL, due_at = NULL,"
			+ " finished_at = ?" + RUN_BY_ID_IN_STATE;

	/**
	 * Fails a run in progress, by error, time, id and {@code IN_PROGRESS}.
	 */
	private static final String FAIL_RUN = "UPDATE workflow_run SET state = 'FAILED', error = ?, owner = NULL,"
			+ " due_at = NULL, finished_at = ?" + RUN_BY_ID_IN_STATE;

	/**
	 * Counts a signal to a run in progress, by time, id and {@code IN_PROGRESS};
	 * package-private for plan checks.
	 */
	static final String SIGNAL_RUN = "UPDATE workflow_run SET signals = signals + 1,"
			+ " due_at = CASE WHEN owner IS NULL THEN CAST(? AS TIMESTAMP WITH TIME ZONE) ELSE due_at END"
			+ RUN_BY_ID_IN_STATE;

	/**
	 * Claims a due run that no node holds and no queue limits, by owner, lease end, id,
	 * {@code IN_PROGRESS} and time; package-private for plan checks. A claim clears why
	 * the run was parked: the claiming node's code replays it afresh.
	 */
	static final String CLAIM_RUN = "UPDATE workflow_run SET owner = ?, due_at = ?, stalled = NULL, last_version = ?"
			+ RUN_BY_ID_IN_STATE + " AND owner IS NULL AND due_at <= ? AND queue IS NULL";

	static final String FINISH_RUN = "UPDATE workflow_run SET state = ?, result = ?, error = ?, owner = NULL,"
			+ " due_at = NULL, finished_at = ? WHERE id = ? AND owner = ?";

	private static final String INSERT_RUN = "INSERT INTO workflow_run (id, name, state, args, owner, due_at,"
			+ " created_at, parent_id, handler, context, trace_context, started_version, last_version, deadline_at,"
			+ " forked_from, queue, priority, dedup_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	/** What a node needs of a run it claims. */
	static final String CLAIMED_COLUMNS = "id, name, args, parent_id, handler, context, trace_context,"
			+ " deadline_at, queue";

	private final JournalJdbc jdbc;

	/**
	 * The application's code version, recorded on the runs this node starts and claims.
	 */
	private final String codeVersion;

	RunStore(JournalJdbc jdbc, String codeVersion) {
		this.jdbc = jdbc;
		this.codeVersion = codeVersion;
	}

	/**
	 * Inserts a new run.
	 * @return {@code false} if a run with that id exists already
	 */
	public boolean insertRun(NewRun run) {
		return this.jdbc.execute("insert run " + run.id(), (connection) -> {
			String sql = INSERT_RUN + this.jdbc.dialect(connection).skippingDuplicates();
			return catchingDuplicate(() -> {
				try (PreparedStatement statement = connection.prepareStatement(sql)) {
					statement.setString(1, run.id());
					statement.setString(2, run.name());
					statement.setString(3, IN_PROGRESS);
					statement.setString(4, run.args());
					setText(statement, 5, run.owner());
					setInstant(statement, 6, run.dueAt());
					setInstant(statement, 7, run.createdAt());
					setText(statement, 8, run.parentId());
					setText(statement, 9, run.handler());
					setText(statement, 10, run.context());
					setText(statement, 11, run.traceContext());
					statement.setString(12, this.codeVersion);
					statement.setString(13, this.codeVersion);
					setInstant(statement, 14, run.deadline());
					setText(statement, 15, run.forkedFrom());
					setText(statement, 16, run.queue());
					statement.setObject(17, run.priority(), Types.INTEGER);
					setText(statement, 18, run.dedupId());
					return statement.executeUpdate() == 1;
				}
			});
		});
	}

	/**
	 * Records a run's outcome, if its owner still owns it, together with the run's last
	 * step if that is not journaled yet (how is the dialect's business).
	 * @return {@code false} if the run is no longer owned by that node, or its last
	 * step's position is journaled already
	 */
	public boolean finishRun(FinishRecord finish) {
		StepRecord lastStep = finish.lastStep();
		if (lastStep == null) {
			return this.jdbc.execute("finish run " + finish.runId(), (connection) -> finish(connection, finish));
		}
		return this.jdbc.dialect().finishWithLastStep(this.jdbc, finish, lastStep);
	}

	static boolean finish(Connection connection, FinishRecord finish) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(FINISH_RUN)) {
			return bindFinish(statement, 1, finish).executeUpdate() == 1;
		}
	}

	/** Binds an outcome to {@link #FINISH_RUN}'s parameters, from the given one on. */
	static PreparedStatement bindFinish(PreparedStatement statement, int first, FinishRecord finish)
			throws SQLException {
		statement.setString(first, finish.state().name());
		setText(statement, first + 1, finish.result());
		setText(statement, first + 2, finish.error());
		setInstant(statement, first + 3, finish.finishedAt());
		statement.setString(first + 4, finish.runId());
		statement.setString(first + 5, finish.owner());
		return statement;
	}

	/**
	 * Cancels a run in progress.
	 * @param reason why the engine cancels it, recorded as its error, or {@code null}
	 * @return {@code false} if it is not in progress
	 */
	public boolean cancelRun(String id, Instant now, @Nullable String reason) {
		return this.jdbc.execute("cancel run " + id, (connection) -> cancel(connection, id, now, reason));
	}

	/**
	 * The runs in progress whose deadline has passed, earliest first, but for those whose
	 * parent's has passed too: they end with it.
	 */
	public List<String> overdue(Instant now, int limit) {
		return this.jdbc.execute("find overdue runs", (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement("SELECT r.id FROM workflow_run r"
					+ " WHERE r.state = ? AND r.deadline_at <= ? AND NOT EXISTS (SELECT 1 FROM workflow_run p"
					+ " WHERE p.id = r.parent_id AND p.state = ? AND p.deadline_at <= ?)"
					+ " ORDER BY r.deadline_at FETCH FIRST ? ROWS ONLY")) {
				statement.setString(1, IN_PROGRESS);
				setInstant(statement, 2, now);
				statement.setString(3, IN_PROGRESS);
				setInstant(statement, 4, now);
				statement.setInt(5, limit);
				List<String> ids = new ArrayList<>();
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						ids.add(rows.getString(1));
					}
				}
				return ids;
			}
		});
	}

	/**
	 * Fails a run in progress with the given error.
	 * @return {@code false} if it is not in progress
	 */
	public boolean failRun(String id, String error, Instant now) {
		return this.jdbc.execute("fail run " + id, (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(FAIL_RUN)) {
				statement.setString(1, error);
				setInstant(statement, 2, now);
				statement.setString(3, id);
				statement.setString(4, IN_PROGRESS);
				return statement.executeUpdate() == 1;
			}
		});
	}

	static boolean cancel(Connection connection, String id, Instant now, @Nullable String reason) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(CANCEL_RUN)) {
			statement.setString(1, WorkflowState.CANCELED.name());
			setText(statement, 2, reason);
			setInstant(statement, 3, now);
			statement.setString(4, id);
			statement.setString(5, IN_PROGRESS);
			return statement.executeUpdate() == 1;
		}
	}

	/**
	 * Claims up to {@code limit} due runs of the given workflows for {@code owner}, but
	 * for those of named queues (see {@link QueueStore#claim}): rows are locked
	 * ({@code SKIP LOCKED}, so concurrent claimers take different runs) and leased in one
	 * transaction.
	 */
	public List<ClaimedRun> claimDue(Collection<String> names, String owner, Instant now, Instant leaseUntil,
			int limit) {
		if (names.isEmpty() || limit <= 0) {
			return List.of();
		}
		String select = "SELECT " + CLAIMED_COLUMNS
				+ " FROM workflow_run WHERE state = ? AND due_at <= ? AND queue IS NULL AND name IN ("
				+ placeholders(names.size()) + ") ORDER BY due_at FETCH FIRST ? ROWS ONLY FOR UPDATE SKIP LOCKED";
		return this.jdbc.inTransaction("claim due runs", (connection) -> {
			List<ClaimedRun> claimed = new ArrayList<>();
			try (PreparedStatement statement = connection.prepareStatement(select)) {
				statement.setString(1, IN_PROGRESS);
				setInstant(statement, 2, now);
				bindAll(statement, 3, names);
				statement.setInt(3 + names.size(), limit);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						claimed.add(claimed(rows));
					}
				}
			}
			if (claimed.isEmpty()) {
				return claimed;
			}
			try (PreparedStatement statement = connection.prepareStatement(
					"UPDATE workflow_run SET owner = ?, due_at = ?, stalled = NULL, last_version = ? WHERE id = ?")) {
				for (ClaimedRun run : claimed) {
					statement.setString(1, owner);
					setInstant(statement, 2, leaseUntil);
					statement.setString(3, this.codeVersion);
					statement.setString(4, run.id());
					statement.addBatch();
				}
				statement.executeBatch();
			}
			return claimed;
		});
	}

	/** Claims one run for {@code owner} if it is due and no node holds it. */
	public Optional<ClaimedRun> claimRun(String id, String owner, Instant now, Instant leaseUntil) {
		return this.jdbc.inTransaction("claim run " + id, (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(CLAIM_RUN)) {
				statement.setString(1, owner);
				setInstant(statement, 2, leaseUntil);
				statement.setString(3, this.codeVersion);
				statement.setString(4, id);
				statement.setString(5, IN_PROGRESS);
				setInstant(statement, 6, now);
				if (statement.executeUpdate() != 1) {
					return Optional.<ClaimedRun>empty();
				}
			}
			try (PreparedStatement statement = connection
				.prepareStatement("SELECT " + CLAIMED_COLUMNS + " FROM workflow_run WHERE id = ?")) {
				statement.setString(1, id);
				try (ResultSet rows = statement.executeQuery()) {
					return rows.next() ? Optional.of(claimed(rows)) : Optional.<ClaimedRun>empty();
				}
			}
		});
	}

	static ClaimedRun claimed(ResultSet rows) throws SQLException {
		return claimed(rows, false);
	}

	static ClaimedRun claimed(ResultSet rows, boolean unbegun) throws SQLException {
		return new ClaimedRun(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
				rows.getString(5), rows.getString(6), rows.getString(7), getInstant(rows, 8), rows.getString(9),
				unbegun);
	}

	/**
	 * Parks a run whose replay diverged from its journal: gives it up with the reason,
	 * for any node to try again from {@code dueAt} on.
	 */
	public void parkRun(String id, String owner, Instant dueAt, String reason) {
		this.jdbc.execute("park run " + id, (connection) -> {
			try (PreparedStatement statement = connection
				.prepareStatement("UPDATE workflow_run SET owner = NULL, due_at = ?, stalled = ?" + RUN_BY_ID_IN_STATE
						+ " AND owner = ?")) {
				setInstant(statement, 1, dueAt);
				statement.setString(2, reason);
				statement.setString(3, id);
				statement.setString(4, IN_PROGRESS);
				statement.setString(5, owner);
				return statement.executeUpdate();
			}
		});
	}

	/**
	 * Makes the parked runs of the given workflows due now, for a node whose code may
	 * replay them (one just deployed) to try them at once.
	 * @return how many
	 */
	public int retryParked(Collection<String> names, Instant now) {
		if (names.isEmpty()) {
			return 0;
		}
		return this.jdbc.execute("retry parked runs", (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement("UPDATE workflow_run SET due_at = ?"
					+ " WHERE state = ? AND stalled IS NOT NULL AND owner IS NULL AND due_at > ? AND name IN ("
					+ placeholders(names.size()) + ")")) {
				setInstant(statement, 1, now);
				statement.setString(2, IN_PROGRESS);
				setInstant(statement, 3, now);
				bindAll(statement, 4, names);
				return statement.executeUpdate();
			}
		});
	}

	/**
	 * Gives up ownership of a run so that any node may claim it from {@code dueAt} on.
	 */
	public void releaseRun(String id, String owner, Instant dueAt) {
		this.jdbc.execute("release run " + id, (connection) -> {
			try (PreparedStatement statement = connection
				.prepareStatement("UPDATE workflow_run SET owner = NULL, due_at = ? WHERE id = ? AND owner = ?")) {
				setInstant(statement, 1, dueAt);
				statement.setString(2, id);
				statement.setString(3, owner);
				return statement.executeUpdate();
			}
		});
	}

	/**
	 * Signals a run that something was sent to it: counts the signal and, if no node
	 * holds the run, makes it due now so that a node wakes it. Run it in the transaction
	 * that stores what was sent, after storing it.
	 */
	public boolean signalRun(String id, Instant now) {
		return this.jdbc.execute("signal run " + id, (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(SIGNAL_RUN)) {
				setInstant(statement, 1, now);
				statement.setString(2, id);
				statement.setString(3, IN_PROGRESS);
				return statement.executeUpdate() == 1;
			}
		});
	}

	/** How many signals a run has received; read before looking for what they brought. */
	public long signals(String id) {
		return this.jdbc.execute("read the signals of run " + id, (connection) -> {
			try (PreparedStatement statement = connection
				.prepareStatement("SELECT signals FROM workflow_run WHERE id = ?")) {
				statement.setString(1, id);
				try (ResultSet rows = statement.executeQuery()) {
					return rows.next() ? rows.getLong(1) : 0L;
				}
			}
		});
	}

	/**
	 * Gives up a run that waits for a signal: due at {@code dueAt} (its wait's deadline,
	 * or {@code null} for none), or at once if it was signaled since this node saw
	 * {@code seenSignals}. The count is in the run's row, so a signal sent concurrently
	 * is either counted here or finds the run released and makes it due itself.
	 */
	public void releaseWaiting(String id, String owner, @Nullable Instant dueAt, long seenSignals, Instant now) {
		this.jdbc.execute("release run " + id, (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement("UPDATE workflow_run SET owner = NULL,"
					+ " due_at = CASE WHEN signals <> ? THEN CAST(? AS TIMESTAMP WITH TIME ZONE)"
					+ " ELSE CAST(? AS TIMESTAMP WITH TIME ZONE) END WHERE id = ? AND owner = ?")) {
				statement.setLong(1, seenSignals);
				setInstant(statement, 2, now);
				setInstant(statement, 3, dueAt);
				statement.setString(4, id);
				statement.setString(5, owner);
				return statement.executeUpdate();
			}
		});
	}

	/**
	 * Records (or, with {@code null}, clears) the failure of a run's completion handler:
	 * why the run is not reported finished yet, or why its outcome stands without the
	 * handler.
	 * @param owner the node that must hold the run, or {@code null} for a finished run
	 */
	public void recordHandlerError(String id, @Nullable String owner, @Nullable String error) {
		this.jdbc.execute("record the completion handler error of " + id, (connection) -> {
			try (PreparedStatement statement = connection
				.prepareStatement("UPDATE workflow_run SET handler_error = ? WHERE id = ?"
						+ ((owner != null) ? " AND owner = ?" : ""))) {
				statement.setString(1, error);
				statement.setString(2, id);
				if (owner != null) {
					statement.setString(3, owner);
				}
				return statement.executeUpdate();
			}
		});
	}

}
