package io.durable.workflow.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.durable.workflow.StepState;
import io.durable.workflow.WorkflowState;
import jakarta.persistence.EntityManager;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * All access to the journal tables. Writes on the execution path are single SQL statements on
 * the application's {@link DataSource}: they join the current Spring transaction when there is
 * one (a caller's transaction at start, a transactional step's own) and otherwise commit on
 * their own, one commit per statement. Reads for status and listing use JPQL on the mapped
 * entities.
 *
 * <p>Internal API: it may change in any release.
 */
public final class JournalStore {

	private static final String DUPLICATE_KEY_STATE = "23505";

	/** PostgreSQL's {@code deadlock_detected}: it failed the statement to break a deadlock. */
	private static final String DEADLOCK_STATE = "40P01";

	private static final String IN_PROGRESS = WorkflowState.IN_PROGRESS.name();

	/**
	 * The oldest top-level runs in a state that finished before a time (retention's batch), by
	 * state, time and limit; public for plan checks.
	 */
	public static final String PAST_RETENTION = "SELECT id FROM workflow_run WHERE state = ? AND finished_at < ?"
			+ " AND parent_id IS NULL ORDER BY finished_at FETCH FIRST ? ROWS ONLY";

	/** How many times a transaction runs at most, if PostgreSQL keeps failing it to break deadlocks. */
	private static final int DEADLOCK_ATTEMPTS = 3;

	/** The most ids bound in one {@code IN} list. */
	private static final int MAX_IN_LIST = 500;

	private static final String STEP_COLUMNS = "state, attempts, failures, result, error, started_at, finished_at,"
			+ " wake_at, run_id, seq, name";

	/**
	 * A step is journaled only while its run is in progress: a canceled run's steps move nothing on.
	 * Package-private for plan checks.
	 */
	static final String INSERT_STEP = "INSERT INTO workflow_step (" + STEP_COLUMNS + ")"
			// The run is looked up by key alone: with its state in the condition too, PostgreSQL may scan
			// the partial index of unfinished runs instead, past every entry not vacuumed yet.
			+ " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE (SELECT state FROM workflow_run WHERE id = ?) = '" + IN_PROGRESS
			+ "'";

	/**
	 * How the statements that read or change runs in a state by id or parent test the state: in
	 * a form that no index serves, so that PostgreSQL finds the runs by their key. Tested plainly
	 * ({@code state = ?}), PostgreSQL may take an index of runs by state where its statistics
	 * count almost no run in progress, as just after a burst of finished ones, which those indexes
	 * still hold until vacuumed: it then scans them all for the few runs wanted.
	 */
	private static final String IN_STATE = "(state = ?) IS TRUE";

	private static final String RUN_BY_ID_IN_STATE = " WHERE id = ? AND " + IN_STATE;

	/** A run's children in a state, by parent id and state, in creation order; package-private for plan checks. */
	static final String CHILDREN_IN_STATE = "SELECT id, name FROM workflow_run WHERE parent_id = ? AND " + IN_STATE
			+ " ORDER BY created_at, id";

	/**
	 * The unfinished runs a node holds, by owner and {@code IN_PROGRESS}: read through the index by
	 * owner, so that a renewal costs what the node holds, not what the journal holds (runs
	 * sleeping for days included). Package-private for plan checks.
	 */
	static final String HELD_RUNS = "SELECT id FROM workflow_run WHERE owner = ? AND state = ?";

	/** Cancels a run in progress, by state, time, id and {@code IN_PROGRESS}; package-private for plan checks. */
	static final String CANCEL_RUN = "UPDATE workflow_run SET state = ?, owner = NULL, due_at = NULL, finished_at = ?"
			+ RUN_BY_ID_IN_STATE;

	/** Counts a signal to a run in progress, by time, id and {@code IN_PROGRESS}; package-private for plan checks. */
	static final String SIGNAL_RUN = "UPDATE workflow_run SET signals = signals + 1,"
			+ " due_at = CASE WHEN owner IS NULL THEN CAST(? AS TIMESTAMP WITH TIME ZONE) ELSE due_at END"
			+ RUN_BY_ID_IN_STATE;

	/**
	 * Claims a due run that no node holds, by owner, lease end, id, {@code IN_PROGRESS} and time;
	 * package-private for plan checks.
	 */
	static final String CLAIM_RUN = "UPDATE workflow_run SET owner = ?, due_at = ?" + RUN_BY_ID_IN_STATE
			+ " AND owner IS NULL AND due_at <= ?";

	private static final String FINISH_RUN = "UPDATE workflow_run SET state = ?, result = ?, error = ?, owner = NULL,"
			+ " due_at = NULL, finished_at = ? WHERE id = ? AND owner = ?";

	static final String INSERT_RUN = "INSERT INTO workflow_run (id, name, state, args, owner, due_at, created_at,"
			+ " parent_id, handler, context, trace_context) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	/** What a node needs of a run it claims. */
	private static final String CLAIMED_COLUMNS = "id, name, args, parent_id, handler, context, trace_context";

	/** The element types of {@link #WRITE_TOGETHER}'s arrays of new runs, in its order. */
	private static final String[] RUN_ARRAYS = { "varchar", "varchar", "text", "varchar", "timestamptz", "timestamptz",
			"varchar", "varchar", "text", "varchar" };

	/** The element types of {@link #WRITE_TOGETHER}'s arrays of steps, in {@link #STEP_COLUMNS}' order. */
	private static final String[] STEP_ARRAYS = { "varchar", "int4", "int4", "text", "text", "timestamptz", "timestamptz",
			"timestamptz", "varchar", "int4", "varchar" };

	/** The element types of {@link #WRITE_TOGETHER}'s arrays of outcomes, in its order. */
	private static final String[] FINISH_ARRAYS = { "varchar", "varchar", "varchar", "text", "text", "timestamptz",
			"int4" };

	/**
	 * Several runs' new runs, steps and outcomes in one PostgreSQL statement, each kind bound as
	 * one array per column. It returns a row per record that took effect: 0 and the id of an
	 * inserted run, 1 and the run id and position of a journaled step, 2 and the id of a finished
	 * run. An outcome with a last step takes effect only if that step is journaled here.
	 */
	private static final String WRITE_TOGETHER = "WITH new_runs AS (INSERT INTO workflow_run (id, name, state, args,"
			+ " owner, due_at, created_at, parent_id, handler, context, trace_context)"
			+ " SELECT v.id, v.name, '" + IN_PROGRESS + "', v.args, v.owner, v.due_at, v.created_at, v.parent_id,"
			+ " v.handler, v.context, v.trace_context FROM " + unnest(RUN_ARRAYS)
			+ " AS v (id, name, args, owner, due_at, created_at, parent_id, handler, context, trace_context)"
			+ " ON CONFLICT (id) DO NOTHING RETURNING id),"
			+ " new_steps AS (INSERT INTO workflow_step (" + STEP_COLUMNS + ") SELECT v.* FROM " + unnest(STEP_ARRAYS)
			+ " AS v (" + STEP_COLUMNS + ")"
			// A lookup by key per step: a join would let a generic plan scan every run in progress.
			+ " WHERE (SELECT r.state FROM workflow_run r WHERE r.id = v.run_id) = '" + IN_PROGRESS + "'"
			+ " ON CONFLICT (run_id, seq) DO NOTHING RETURNING run_id, seq),"
			+ " finished AS (UPDATE workflow_run AS r SET state = v.state, result = v.result, error = v.error,"
			+ " owner = NULL, due_at = NULL, finished_at = v.finished_at FROM " + unnest(FINISH_ARRAYS)
			+ " AS v (id, owner, state, result, error, finished_at, last_seq)"
			+ " WHERE r.id = v.id AND r.owner = v.owner AND (v.last_seq IS NULL"
			+ " OR EXISTS (SELECT 1 FROM new_steps s WHERE s.run_id = v.id AND s.seq = v.last_seq)) RETURNING r.id)"
			+ " SELECT 0, id, 0 FROM new_runs UNION ALL SELECT 1, run_id, seq FROM new_steps"
			+ " UNION ALL SELECT 2, id, 0 FROM finished";

	private static final String INSERT_STEP_WITH_FINISH = "WITH step AS (" + INSERT_STEP + " RETURNING 1) "
			+ FINISH_RUN + " AND EXISTS (SELECT 1 FROM step)";

	private final DataSource dataSource;

	private final EntityManager entityManager;

	private final SQLExceptionTranslator exceptionTranslator;

	private volatile @Nullable SqlDialect dialect;

	public JournalStore(DataSource dataSource, EntityManager entityManager) {
		this.dataSource = dataSource;
		this.entityManager = entityManager;
		this.exceptionTranslator = new SQLErrorCodeSQLExceptionTranslator(dataSource);
	}

	/**
	 * Inserts a new run.
	 * @return {@code false} if a run with that id exists already
	 */
	public boolean insertRun(NewRun run) {
		return execute("insert run " + run.id(), (connection) -> {
			String sql = dialect(connection).insertRun;
			return catchingDuplicate(() -> {
				try (PreparedStatement statement = connection.prepareStatement(sql)) {
					bindRun(statement, run);
					return statement.executeUpdate() == 1;
				}
			});
		});
	}

	private static void bindRun(PreparedStatement statement, NewRun run) throws SQLException {
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
	}

	/**
	 * Journals one step.
	 * @return {@code false} if that position is journaled already (another node has taken the
	 * run over) or the run is not in progress any more (it was canceled)
	 */
	public boolean insertStep(StepRecord step) {
		return execute("journal step " + step.sequence() + " of " + step.runId(),
				(connection) -> insertStep(connection, step));
	}

	private static boolean insertStep(Connection connection, StepRecord step) throws SQLException {
		return catchingDuplicate(() -> {
			try (PreparedStatement statement = connection.prepareStatement(INSERT_STEP)) {
				bindStep(statement, step);
				return statement.executeUpdate() == 1;
			}
		});
	}

	/** Runs an insert; {@code false} if its key exists. */
	private static boolean catchingDuplicate(SqlCall<Boolean> insert) throws SQLException {
		try {
			return insert.call();
		}
		catch (SQLException ex) {
			if (DUPLICATE_KEY_STATE.equals(ex.getSQLState())) {
				return false;
			}
			throw ex;
		}
	}

	/**
	 * Moves a waiting or running step on: its next attempt's outcome, or its completion.
	 * @param expectedAttempts the attempts the row records
	 * @return {@code false} if the row is not waiting or running with those attempts any more
	 * (another node has taken the run over), or the run is not in progress any more
	 */
	public boolean updateStep(StepRecord step, int expectedAttempts) {
		return execute("journal step " + step.sequence() + " of " + step.runId(), (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(
					// A step keeps the start of its first attempt; a scheduled one takes that of its first run.
					"UPDATE workflow_step SET state = ?, attempts = ?, failures = ?, result = ?, error = ?,"
							+ " started_at = CASE WHEN attempts = 0 THEN ? ELSE started_at END, finished_at = ?, wake_at = ?"
							+ " WHERE run_id = ? AND seq = ? AND name = ? AND state IN ('WAITING', 'RUNNING') AND attempts = ?"
					+ " AND (SELECT state FROM workflow_run WHERE id = ?) = '" + IN_PROGRESS + "'")) {
				bindStep(statement, step);
				statement.setInt(12, expectedAttempts);
				statement.setString(13, step.runId());
				return statement.executeUpdate() == 1;
			}
		});
	}

	/**
	 * Journals step attempts as running, in one transaction: a first attempt inserts its step's
	 * row, a later one moves the row it follows on.
	 * @return for each, whether it was journaled: not if its position moved on meanwhile (another
	 * node has taken the run over) or its run is not in progress any more
	 */
	public boolean[] recordStarts(List<StepStart> starts) {
		return inTransaction("journal " + starts.size() + " running steps", (connection) -> {
			boolean[] recorded = new boolean[starts.size()];
			String insert = INSERT_STEP + ((dialect() == SqlDialect.POSTGRESQL) ? " ON CONFLICT DO NOTHING"
					: " AND NOT EXISTS (SELECT 1 FROM workflow_step WHERE run_id = ? AND seq = ?)");
			try (PreparedStatement inserts = connection.prepareStatement(insert);
					PreparedStatement updates = connection.prepareStatement("UPDATE workflow_step SET state = '"
							+ StepState.RUNNING.name() + "', attempts = ?,"
							+ " started_at = CASE WHEN attempts = 0 THEN ? ELSE started_at END"
							+ " WHERE run_id = ? AND seq = ? AND state IN ('WAITING', 'RUNNING') AND attempts = ?")) {
				List<Integer> inserted = new ArrayList<>();
				List<Integer> updated = new ArrayList<>();
				for (int i = 0; i < recorded.length; i++) {
					StepStart start = starts.get(i);
					if (start.journaledAttempts() < 0) {
						bindStep(inserts, new StepRecord(start.runId(), start.sequence(), start.name(),
								StepState.RUNNING, start.attempt(), 0, null, null, start.startedAt(), null, null));
						if (dialect() != SqlDialect.POSTGRESQL) {
							inserts.setString(13, start.runId());
							inserts.setInt(14, start.sequence());
						}
						inserts.addBatch();
						inserted.add(i);
					}
					else {
						updates.setInt(1, start.attempt());
						setInstant(updates, 2, start.startedAt());
						updates.setString(3, start.runId());
						updates.setInt(4, start.sequence());
						updates.setInt(5, start.journaledAttempts());
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

	/**
	 * Records a run's outcome, if its owner still owns it, together with the run's last step if
	 * that is not journaled yet: one statement on PostgreSQL, one transaction on H2.
	 * @return {@code false} if the run is no longer owned by that node, or its last step's
	 * position is journaled already
	 */
	public boolean finishRun(FinishRecord finish) {
		StepRecord lastStep = finish.lastStep();
		if (lastStep == null) {
			return execute("finish run " + finish.runId(), (connection) -> finish(connection, finish));
		}
		if (dialect() == SqlDialect.POSTGRESQL) {
			return execute("finish run " + finish.runId(), (connection) -> catchingDuplicate(() -> {
				try (PreparedStatement statement = connection.prepareStatement(INSERT_STEP_WITH_FINISH)) {
					bindStep(statement, lastStep);
					return bindFinish(statement, 13, finish).executeUpdate() == 1;
				}
			}));
		}
		return inTransaction("finish run " + finish.runId(),
				(connection) -> insertStep(connection, lastStep) && finish(connection, finish));
	}

	/**
	 * Whether {@link #writeTogether} writes several runs' records in one commit (PostgreSQL); on
	 * other databases each record is written on its own.
	 */
	public boolean writesTogether() {
		return dialect() == SqlDialect.POSTGRESQL;
	}

	/**
	 * Whether this database announces the changes of watched runs itself (PostgreSQL: triggers send
	 * a notification for each run in {@code workflow_watch}); on other databases watchers poll.
	 */
	public boolean announcesChanges() {
		return dialect() == SqlDialect.POSTGRESQL;
	}

	/** Watches a run for {@code node} until the given time, and forgets expired watches of any node. */
	public void watch(String runId, String node, Instant until, Instant now) {
		inTransaction("watch run " + runId, (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement("INSERT INTO workflow_watch (run_id, node,"
					+ " until) VALUES (?, ?, ?) ON CONFLICT (run_id, node) DO UPDATE SET until = EXCLUDED.until")) {
				statement.setString(1, runId);
				statement.setString(2, node);
				setInstant(statement, 3, until);
				statement.executeUpdate();
			}
			try (PreparedStatement statement = connection
				.prepareStatement("DELETE FROM workflow_watch WHERE until < ?")) {
				setInstant(statement, 1, now);
				return statement.executeUpdate();
			}
		});
	}

	/** Stops watching a run for {@code node}. */
	public void unwatch(String runId, String node) {
		execute("stop watching run " + runId, (connection) -> {
			try (PreparedStatement statement = connection
				.prepareStatement("DELETE FROM workflow_watch WHERE run_id = ? AND node = ?")) {
				statement.setString(1, runId);
				statement.setString(2, node);
				return statement.executeUpdate();
			}
		});
	}

	/** Extends every watch of {@code node} until the given time. */
	public void renewWatches(String node, Instant until) {
		execute("renew the watches of " + node, (connection) -> {
			try (PreparedStatement statement = connection
				.prepareStatement("UPDATE workflow_watch SET until = ? WHERE node = ?")) {
				setInstant(statement, 1, until);
				statement.setString(2, node);
				return statement.executeUpdate();
			}
		});
	}

	/**
	 * Listens, on a connection of its own, for the changes of watched runs (PostgreSQL only).
	 * @param changed takes the id of each run that changed
	 * @param reconnected runs on every (re)connection: changes may have been missed before it
	 * @return closes the listener
	 */
	public AutoCloseable listenForChanges(Consumer<String> changed, Runnable reconnected) {
		return new PostgresChangeListener(this.dataSource, changed, reconnected);
	}

	private SqlDialect dialect() {
		SqlDialect known = this.dialect;
		return (known != null) ? known : execute("read the database type", this::dialect);
	}

	/**
	 * Inserts the runs, journals the steps and records the outcomes of several runs in one
	 * statement, committed on its own (PostgreSQL only): runs that exist already and positions
	 * journaled already are skipped, as are outcomes of runs no longer owned by their node or
	 * whose last step was skipped. The statement's text is the same whatever the numbers of
	 * records (they are bound as arrays), so that PostgreSQL plans it once per connection.
	 *
	 * <p>Call it outside any transaction. Where PostgreSQL breaks a deadlock by failing the
	 * statement (with a transaction that locks several of these runs in another order, such as a
	 * cancel cascade), nothing of it took effect, so it runs again, up to
	 * {@value #DEADLOCK_ATTEMPTS} times in all: the next time it waits for that transaction.
	 * @return which of them took effect, by {@link #runKey}, {@link #stepKey} and run id
	 */
	public Set<String> writeTogether(List<NewRun> runs, List<StepRecord> steps, List<FinishRecord> finishes) {
		List<StepRecord> inserts = new ArrayList<>(steps);
		finishes.stream().map(FinishRecord::lastStep).filter(Objects::nonNull).forEach(inserts::add);
		String task = "journal " + runs.size() + " runs, " + inserts.size() + " steps and " + finishes.size()
				+ " outcomes";
		return execute(task, (connection) -> writeTogether(connection, runs, inserts, finishes));
	}

	/**
	 * Runs a transaction of its own (not one joined) again when PostgreSQL failed it to break a
	 * deadlock: it was rolled back, so nothing of it took effect, and the next time it waits for
	 * the transaction that won. Up to {@value #DEADLOCK_ATTEMPTS} times in all.
	 * @param transaction begins and ends the transaction
	 * @return what the transaction returned
	 */
	public static <T> T retryingDeadlocks(Supplier<T> transaction) {
		for (int attempt = 1;; attempt++) {
			try {
				return transaction.get();
			}
			catch (PessimisticLockingFailureException ex) {
				if (attempt == DEADLOCK_ATTEMPTS || !(ex.getMostSpecificCause() instanceof SQLException cause)
						|| !DEADLOCK_STATE.equals(cause.getSQLState())) {
					throw ex;
				}
			}
		}
	}

	private static Set<String> writeTogether(Connection connection, List<NewRun> runs, List<StepRecord> inserts,
			List<FinishRecord> finishes) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(WRITE_TOGETHER)) {
			int index = 1;
			index = bindColumns(statement, index, runs, RUN_ARRAYS, NewRun::id, NewRun::name, NewRun::args,
					NewRun::owner, (run) -> text(run.dueAt()), (run) -> text(run.createdAt()), NewRun::parentId,
					NewRun::handler, NewRun::context, NewRun::traceContext);
			index = bindColumns(statement, index, inserts, STEP_ARRAYS, (step) -> step.state().name(),
					StepRecord::attempts, StepRecord::failures, StepRecord::result, StepRecord::error, (step) -> text(step.startedAt()),
					(step) -> text(step.finishedAt()), (step) -> text(step.wakeAt()), StepRecord::runId,
					StepRecord::sequence, StepRecord::name);
			bindColumns(statement, index, finishes, FINISH_ARRAYS, FinishRecord::runId, FinishRecord::owner,
					(finish) -> finish.state().name(), FinishRecord::result, FinishRecord::error,
					(finish) -> text(finish.finishedAt()),
					(finish) -> (finish.lastStep() != null) ? finish.lastStep().sequence() : null);
			Set<String> written = new HashSet<>();
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					String id = rows.getString(2);
					written.add(switch (rows.getInt(1)) {
						case 0 -> runKey(id);
						case 1 -> stepKey(id, rows.getInt(3));
						default -> id;
					});
				}
			}
			return written;
		}
	}

	/**
	 * Binds one array parameter per column, each holding that column's value of every record.
	 * @return the next parameter's index
	 */
	@SafeVarargs
	private static <R> int bindColumns(PreparedStatement statement, int first, List<R> records, String[] types,
			Function<R, @Nullable Object>... columns) throws SQLException {
		for (int column = 0; column < columns.length; column++) {
			Object[] values = new Object[records.size()];
			for (int i = 0; i < values.length; i++) {
				values[i] = columns[column].apply(records.get(i));
			}
			statement.setArray(first + column, statement.getConnection().createArrayOf(types[column], values));
		}
		return first + columns.length;
	}

	/** {@code unnest(?::type[], ...)}: rows of the arrays bound, one array per column. */
	private static String unnest(String[] types) {
		return Arrays.stream(types).map((type) -> "?::" + type + "[]").collect(Collectors.joining(", ", "unnest(", ")"));
	}

	private static @Nullable String text(@Nullable Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

	/** The key {@link #writeTogether} reports an inserted run by. */
	public static String runKey(String id) {
		return "+" + id;
	}

	/** The key {@link #writeTogether} reports a written step by. */
	public static String stepKey(StepRecord step) {
		return stepKey(step.runId(), step.sequence());
	}

	private static String stepKey(String runId, int sequence) {
		return runId + "/" + sequence;
	}

	private static boolean finish(Connection connection, FinishRecord finish) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(FINISH_RUN)) {
			return bindFinish(statement, 1, finish).executeUpdate() == 1;
		}
	}

	private static PreparedStatement bindFinish(PreparedStatement statement, int first, FinishRecord finish)
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
	 * Gives up ownership of a run so that any node may claim it from {@code dueAt} on.
	 */
	public void releaseRun(String id, String owner, Instant dueAt) {
		execute("release run " + id, (connection) -> {
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
	 * Extends the lease of every unfinished run {@code owner} holds, except those another
	 * transaction has locked: that one is finishing, claiming or canceling the run, or sending it
	 * an event, and waiting for it while holding the other runs' locks could deadlock with a group
	 * commit finishing several of them. The next renewal extends a lease skipped here.
	 * @return the runs it still holds (those missing were canceled or taken over), and those of
	 * them whose lease it extended
	 */
	public LeaseRenewal renewLeases(String owner, Instant leaseUntil) {
		return inTransaction("renew leases of " + owner, (connection) -> {
			List<String> extended = new ArrayList<>();
			try (PreparedStatement statement = connection.prepareStatement(HELD_RUNS + " FOR UPDATE SKIP LOCKED")) {
				statement.setString(1, owner);
				statement.setString(2, IN_PROGRESS);
				ids(statement, extended);
			}
			for (List<String> chunk : chunks(extended)) {
				try (PreparedStatement statement = connection
					.prepareStatement("UPDATE workflow_run SET due_at = ? WHERE id IN (" + placeholders(chunk.size()) + ")")) {
					setInstant(statement, 1, leaseUntil);
					bindAll(statement, 2, chunk);
					statement.executeUpdate();
				}
			}
			try (PreparedStatement statement = connection.prepareStatement(HELD_RUNS)) {
				statement.setString(1, owner);
				statement.setString(2, IN_PROGRESS);
				return new LeaseRenewal(ids(statement, new HashSet<>()), Set.copyOf(extended));
			}
		});
	}

	/**
	 * Cancels a run in progress.
	 * @return {@code false} if it is not in progress
	 */
	public boolean cancelRun(String id, Instant now) {
		return execute("cancel run " + id, (connection) -> cancel(connection, id, now));
	}

	private static boolean cancel(Connection connection, String id, Instant now) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(CANCEL_RUN)) {
			statement.setString(1, WorkflowState.CANCELED.name());
			setInstant(statement, 2, now);
			statement.setString(3, id);
			statement.setString(4, IN_PROGRESS);
			return statement.executeUpdate() == 1;
		}
	}

	/**
	 * Cancels a run's child workflows in progress, and theirs, in one transaction (the current one,
	 * if any). A finished child has no child in progress: its own were canceled when it finished.
	 * @return the names of the workflows of the runs canceled, by run id, parents before children
	 */
	public Map<String, String> cancelChildren(String parentId, Instant now) {
		return inTransaction("cancel the children of " + parentId, (connection) -> {
			Map<String, String> canceled = new LinkedHashMap<>();
			List<String> parents = List.of(parentId);
			while (!parents.isEmpty()) {
				List<String> children = new ArrayList<>();
				for (String parent : parents) {
					for (Map.Entry<String, String> child : activeChildren(connection, parent).entrySet()) {
						if (cancel(connection, child.getKey(), now)) {
							children.add(child.getKey());
							canceled.put(child.getKey(), child.getValue());
						}
					}
				}
				parents = children;
			}
			return canceled;
		});
	}

	/** The ids of a run's child workflows in progress. */
	public List<String> activeChildren(String parentId) {
		return execute("find the children of " + parentId,
				(connection) -> List.copyOf(activeChildren(connection, parentId).keySet()));
	}

	/** The workflow names of a run's child workflows in progress, by id, in creation order. */
	private static Map<String, String> activeChildren(Connection connection, String parentId) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(CHILDREN_IN_STATE)) {
			statement.setString(1, parentId);
			statement.setString(2, IN_PROGRESS);
			Map<String, String> children = new LinkedHashMap<>();
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					children.put(rows.getString(1), rows.getString(2));
				}
			}
			return children;
		}
	}

	/** Runs a query and adds the first column of each row it returns. */
	private static <C extends Collection<String>> C ids(PreparedStatement statement, C ids) throws SQLException {
		try (ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				ids.add(rows.getString(1));
			}
		}
		return ids;
	}

	/** Looks at a child workflow for its waiting parent: see {@link ChildRecord}. */
	public ChildRecord lookAtChild(String parentId, String childId) {
		return execute("look at child " + childId, (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement("SELECT p.signals, c.state, c.result,"
					+ " c.error FROM workflow_run p LEFT JOIN workflow_run c ON c.id = ? WHERE p.id = ?")) {
				statement.setString(1, childId);
				statement.setString(2, parentId);
				try (ResultSet rows = statement.executeQuery()) {
					if (!rows.next()) {
						throw new IllegalStateException("Workflow run '" + parentId + "' is not stored");
					}
					String state = rows.getString(2);
					return new ChildRecord(rows.getLong(1), (state != null) ? WorkflowState.valueOf(state) : null,
							rows.getString(3), rows.getString(4));
				}
			}
		});
	}

	/**
	 * Deletes everything stored for a finished run and its child workflows (all finished with it):
	 * their events, their steps and the runs, in one transaction.
	 */
	public void deleteRun(String id) {
		inTransaction("delete run " + id, (connection) -> {
			deleteTrees(connection, List.of(id));
			return null;
		});
	}

	/**
	 * Deletes up to {@code limit} top-level runs in the given state that finished before the given
	 * time, oldest first, with their child workflows, in one transaction.
	 * @return how many top-level runs were deleted
	 */
	public int deleteFinished(WorkflowState state, Instant finishedBefore, int limit) {
		return inTransaction("delete " + state + " runs finished before " + finishedBefore, (connection) -> {
			List<String> roots;
			try (PreparedStatement statement = connection.prepareStatement(PAST_RETENTION)) {
				statement.setString(1, state.name());
				setInstant(statement, 2, finishedBefore);
				statement.setInt(3, limit);
				roots = ids(statement, new ArrayList<>());
			}
			deleteTrees(connection, roots);
			return roots.size();
		});
	}

	/** Deletes runs with their descendants: events, steps, then the runs. */
	private static void deleteTrees(Connection connection, List<String> roots) throws SQLException {
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
				try (PreparedStatement statement = connection.prepareStatement(sql + placeholders(chunk.size()) + ")")) {
					bindAll(statement, chunk);
					statement.executeUpdate();
				}
			}
		}
	}

	/** Splits ids into lists short enough for one {@code IN} list each. */
	private static List<List<String>> chunks(List<String> ids) {
		List<List<String>> chunks = new ArrayList<>();
		for (int from = 0; from < ids.size(); from += MAX_IN_LIST) {
			chunks.add(ids.subList(from, Math.min(ids.size(), from + MAX_IN_LIST)));
		}
		return chunks;
	}

	private static String placeholders(int count) {
		return "?, ".repeat(count - 1) + "?";
	}

	private static void bindAll(PreparedStatement statement, List<String> values) throws SQLException {
		bindAll(statement, 1, values);
	}

	/**
	 * Binds the values to consecutive parameters from {@code first} on.
	 * @return the index of the parameter after them
	 */
	private static int bindAll(PreparedStatement statement, int first, Collection<String> values)
			throws SQLException {
		int index = first;
		for (String value : values) {
			statement.setString(index++, value);
		}
		return index;
	}

	/**
	 * Takes or renews a named lock for {@code owner} until the given time, if no other node holds
	 * it now.
	 * @return whether {@code owner} holds the lock
	 */
	public boolean tryLock(String name, String owner, Instant now, Instant until) {
		boolean renewed = execute("take lock " + name, (connection) -> {
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
		return renewed || execute("create lock " + name, (connection) -> catchingDuplicate(() -> {
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
	 * Claims up to {@code limit} due runs of the given workflows for {@code owner}: rows are
	 * locked ({@code SKIP LOCKED}, so concurrent claimers take different runs) and leased in one
	 * transaction.
	 */
	public List<ClaimedRun> claimDue(Collection<String> names, String owner, Instant now, Instant leaseUntil,
			int limit) {
		if (names.isEmpty() || limit <= 0) {
			return List.of();
		}
		String select = "SELECT " + CLAIMED_COLUMNS + " FROM workflow_run WHERE state = ? AND due_at <= ? AND name IN ("
				+ placeholders(names.size()) + ") ORDER BY due_at FETCH FIRST ? ROWS ONLY FOR UPDATE SKIP LOCKED";
		return inTransaction("claim due runs", (connection) -> {
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
			try (PreparedStatement statement = connection
				.prepareStatement("UPDATE workflow_run SET owner = ?, due_at = ? WHERE id = ?")) {
				for (ClaimedRun run : claimed) {
					statement.setString(1, owner);
					setInstant(statement, 2, leaseUntil);
					statement.setString(3, run.id());
					statement.addBatch();
				}
				statement.executeBatch();
			}
			return claimed;
		});
	}

	/**
	 * Describes a database setting that can lose committed journal entries in a crash: H2 writes
	 * commits to its file up to {@code WRITE_DELAY} ms late.
	 * @return the warning, or {@code null} if the database keeps what it commits
	 */
	public @Nullable String durabilityWarning() {
		return execute("check durability settings", (connection) -> {
			if (dialect(connection) != SqlDialect.H2) {
				return null;
			}
			try (PreparedStatement statement = connection.prepareStatement(
					"SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'");
					ResultSet rows = statement.executeQuery()) {
				String delay = rows.next() ? rows.getString(1) : "0";
				return "0".equals(delay) ? null
						: "H2 writes commits to its file up to " + delay + " ms late (WRITE_DELAY), so a crash can lose"
								+ " journaled steps, which then run again. Add ;WRITE_DELAY=0 to the JDBC URL.";
			}
		});
	}

	/** Loads a run's whole journal, in order, in one query. */
	public List<JournalEntry> loadJournal(String id) {
		return execute("load journal of " + id, (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(
					"SELECT seq, name, state, attempts, failures, result, error, wake_at FROM workflow_step"
							+ " WHERE run_id = ?"
							+ " ORDER BY seq")) {
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

	/** Stores an event. */
	public void insertEvent(EventRecord event, Instant now) {
		execute("store event " + event.id(), (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement("INSERT INTO workflow_event (id, run_id, name,"
					+ " by_id, state, payload, error, created_at, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
				statement.setString(1, event.id());
				statement.setString(2, event.runId());
				statement.setString(3, event.name());
				statement.setBoolean(4, event.byId());
				statement.setString(5, event.state());
				setText(statement, 6, event.value());
				setText(statement, 7, event.error());
				setInstant(statement, 8, now);
				setInstant(statement, 9, EventRecord.SENT.equals(event.state()) ? now : null);
				return statement.executeUpdate();
			}
		});
	}

	/** Reads an event by its id. */
	public Optional<EventRecord> findEvent(String id) {
		return execute("read event " + id, (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(
					"SELECT id, run_id, name, by_id, state, payload, error FROM workflow_event WHERE id = ?")) {
				statement.setString(1, id);
				try (ResultSet rows = statement.executeQuery()) {
					return rows.next() ? Optional.of(event(rows)) : Optional.empty();
				}
			}
		});
	}

	/**
	 * Sends an event created earlier.
	 * @return {@code false} if it is not waiting to be sent (sent already)
	 */
	public boolean sendCreatedEvent(String id, @Nullable String value, @Nullable String error, Instant now) {
		return execute("send event " + id, (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement("UPDATE workflow_event SET state = ?,"
					+ " payload = ?, error = ?, sent_at = ? WHERE id = ? AND state = ?")) {
				statement.setString(1, EventRecord.SENT);
				setText(statement, 2, value);
				setText(statement, 3, error);
				setInstant(statement, 4, now);
				statement.setString(5, id);
				statement.setString(6, EventRecord.CREATED);
				return statement.executeUpdate() == 1;
			}
		});
	}

	/**
	 * Consumes the first event sent to a run, by name (only events sent by name) or by id, if one
	 * is there. Run it in the transaction that journals what the wait received.
	 * @param eventId the id to take, or {@code null} to take the oldest of that name
	 * @return the consumed event, or {@code null} if none has been sent
	 */
	/** The events sent to a run that no wait has received yet: their count by name, through the pending index. */
	public Map<String, Long> pendingEvents(String runId) {
		return execute("count the pending events of run " + runId, (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(
					"SELECT name, COUNT(*) FROM workflow_event WHERE run_id = ? AND state = ? GROUP BY name ORDER BY name")) {
				statement.setString(1, runId);
				statement.setString(2, EventRecord.SENT);
				Map<String, Long> pending = new LinkedHashMap<>();
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						pending.put(rows.getString(1), rows.getLong(2));
					}
				}
				return pending;
			}
		});
	}

	public @Nullable EventRecord takeEvent(String runId, String name, @Nullable String eventId, Instant now) {
		return execute("take event " + name + " of " + runId, (connection) -> {
			EventRecord event;
			String select = "SELECT id, run_id, name, by_id, state, payload, error FROM workflow_event WHERE "
					+ ((eventId != null) ? "id = ? AND run_id = ? AND state = ?"
							: "run_id = ? AND name = ? AND state = ? AND by_id = FALSE ORDER BY ordinal FETCH FIRST 1 ROWS ONLY")
					+ " FOR UPDATE";
			try (PreparedStatement statement = connection.prepareStatement(select)) {
				statement.setString(1, (eventId != null) ? eventId : runId);
				statement.setString(2, (eventId != null) ? runId : name);
				statement.setString(3, EventRecord.SENT);
				try (ResultSet rows = statement.executeQuery()) {
					event = rows.next() ? event(rows) : null;
				}
			}
			if (event == null) {
				return null;
			}
			try (PreparedStatement statement = connection
				.prepareStatement("UPDATE workflow_event SET state = ?, consumed_at = ? WHERE id = ? AND state = ?")) {
				statement.setString(1, EventRecord.CONSUMED);
				setInstant(statement, 2, now);
				statement.setString(3, event.id());
				statement.setString(4, EventRecord.SENT);
				return (statement.executeUpdate() == 1) ? event : null;
			}
		});
	}

	private static ClaimedRun claimed(ResultSet rows) throws SQLException {
		return new ClaimedRun(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
				rows.getString(5), rows.getString(6), rows.getString(7));
	}

	private static EventRecord event(ResultSet rows) throws SQLException {
		return new EventRecord(rows.getString(1), rows.getString(2), rows.getString(3), rows.getBoolean(4),
				rows.getString(5), rows.getString(6), rows.getString(7));
	}

	/**
	 * Signals a run that something was sent to it: counts the signal and, if no node holds the
	 * run, makes it due now so that a node wakes it. Run it in the transaction that stores what
	 * was sent, after storing it.
	 */
	public boolean signalRun(String id, Instant now) {
		return execute("signal run " + id, (connection) -> {
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
		return execute("read the signals of run " + id, (connection) -> {
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
	 * Gives up a run that waits for a signal: due at {@code dueAt} (its wait's deadline, or
	 * {@code null} for none), or at once if it was signaled since this node saw
	 * {@code seenSignals}. The count is in the run's row, so a signal sent concurrently is either
	 * counted here or finds the run released and makes it due itself.
	 */
	public void releaseWaiting(String id, String owner, @Nullable Instant dueAt, long seenSignals, Instant now) {
		execute("release run " + id, (connection) -> {
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

	/** Claims one run for {@code owner} if it is due and no node holds it. */
	public Optional<ClaimedRun> claimRun(String id, String owner, Instant now, Instant leaseUntil) {
		return run("claim run " + id, (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(CLAIM_RUN)) {
				statement.setString(1, owner);
				setInstant(statement, 2, leaseUntil);
				statement.setString(3, id);
				statement.setString(4, IN_PROGRESS);
				setInstant(statement, 5, now);
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
		}, true);
	}

	/**
	 * Records (or, with {@code null}, clears) the failure of a run's completion handler: why the
	 * run is not reported finished yet, or why its outcome stands without the handler.
	 * @param owner the node that must hold the run, or {@code null} for a finished run
	 */
	public void recordHandlerError(String id, @Nullable String owner, @Nullable String error) {
		execute("record the completion handler error of " + id, (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(
					"UPDATE workflow_run SET handler_error = ? WHERE id = ?" + ((owner != null) ? " AND owner = ?" : ""))) {
				statement.setString(1, error);
				statement.setString(2, id);
				if (owner != null) {
					statement.setString(3, owner);
				}
				return statement.executeUpdate();
			}
		});
	}

	/**
	 * Counts the runs in progress (all of them are read, through the index on their due time) and
	 * the failed ones (through the index on state), in two statements.
	 */
	public JournalStatistics statistics(Instant now, Set<String> registered) {
		List<String> names = List.copyOf(registered);
		String isRegistered = names.isEmpty() ? "1 = 0" : "name IN (" + placeholders(names.size()) + ")";
		return execute("count runs", (connection) -> {
			long inProgress;
			long waiting;
			long due;
			long unregistered;
			long handlerFailing;
			Instant oldestDue;
			try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*),"
					+ " COALESCE(SUM(CASE WHEN owner IS NULL AND (due_at IS NULL OR due_at > ?) THEN 1 ELSE 0 END), 0),"
					+ " COALESCE(SUM(CASE WHEN due_at <= ? THEN 1 ELSE 0 END), 0),"
					+ " COALESCE(SUM(CASE WHEN due_at <= ? AND NOT (" + isRegistered + ") THEN 1 ELSE 0 END), 0),"
					+ " MIN(CASE WHEN due_at <= ? AND " + isRegistered + " THEN due_at END),"
					+ " COALESCE(SUM(CASE WHEN handler_error IS NOT NULL THEN 1 ELSE 0 END), 0)"
					+ " FROM workflow_run WHERE state = ?")) {
				int index = 1;
				setInstant(statement, index++, now);
				setInstant(statement, index++, now);
				setInstant(statement, index++, now);
				index = bindAll(statement, index, names);
				setInstant(statement, index++, now);
				index = bindAll(statement, index, names);
				statement.setString(index, IN_PROGRESS);
				try (ResultSet rows = statement.executeQuery()) {
					rows.next();
					inProgress = rows.getLong(1);
					waiting = rows.getLong(2);
					due = rows.getLong(3);
					unregistered = rows.getLong(4);
					oldestDue = getInstant(rows, 5);
					handlerFailing = rows.getLong(6);
				}
			}
			try (PreparedStatement statement = connection
				.prepareStatement("SELECT COUNT(*) FROM workflow_run WHERE state = ?")) {
				statement.setString(1, WorkflowState.FAILED.name());
				try (ResultSet rows = statement.executeQuery()) {
					rows.next();
					return new JournalStatistics(inProgress, waiting, due, unregistered, handlerFailing, oldestDue,
							rows.getLong(1), now);
				}
			}
		});
	}

	/** Lists runs, a page at a time. */
	public List<ListedRun> listRuns(RunQuery query) {
		return execute("list runs", (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
				query.bind(statement);
				List<ListedRun> runs = new ArrayList<>();
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						runs.add(new ListedRun(rows.getString(1), rows.getString(2), WorkflowState.valueOf(rows.getString(3)),
								rows.getString(4), getInstant(rows, 5), getInstant(rows, 6), rows.getString(7),
								rows.getString(8), rows.getString(9)));
					}
				}
				return runs;
			}
		});
	}

	/** The name of the workflow a stored run belongs to. */
	public Optional<String> findName(String id) {
		return this.entityManager
			.createQuery("select r.name from WorkflowRunEntity r where r.id = :id", String.class)
			.setParameter("id", id)
			.getResultList()
			.stream()
			.findFirst();
	}

	/** This node's liveness lock, on this journal's database. */
	public NodeLiveness liveness(String nodeId) {
		return new NodeLiveness(this.dataSource, nodeId);
	}

	/** Reads a run for status and result queries. */
	public Optional<RunRecord> findRun(String id) {
		return this.entityManager.createQuery("""
				select r.id, r.name, r.state, r.result, r.error, r.createdAt, r.finishedAt, r.parentId, r.handler, r.context,
				r.owner, r.dueAt, r.handlerError
				from WorkflowRunEntity r where r.id = :id""", Object[].class)
			.setParameter("id", id)
			.getResultList()
			.stream()
			.findFirst()
			.map((row) -> new RunRecord((String) row[0], (String) row[1], WorkflowState.valueOf((String) row[2]),
					(String) row[3], (String) row[4], (Instant) row[5], (Instant) row[6], (String) row[7],
					(String) row[8], (String) row[9], (String) row[10], (Instant) row[11], (String) row[12]));
	}

	/**
	 * Reads where a run and its unfinished children stand, in one query.
	 * @return the run first, then its children in progress; empty if there is no such run
	 */
	public List<RunPosition> findPositions(String id) {
		return this.entityManager.createQuery("""
				select r.id, r.state, r.owner, r.dueAt from WorkflowRunEntity r
				where r.id = :id or (r.parentId = :id and r.state = :inProgress)""", Object[].class)
			.setParameter("id", id)
			.setParameter("inProgress", IN_PROGRESS)
			.getResultList()
			.stream()
			.map((row) -> new RunPosition((String) row[0], WorkflowState.valueOf((String) row[1]), (String) row[2],
					(Instant) row[3]))
			.sorted(Comparator.comparing((RunPosition run) -> !run.id().equals(id)))
			.toList();
	}

	/**
	 * Lists a run's steps after (or, descending, before) a sequence number.
	 * @param afterSequence the exclusive bound, or {@code null} to start at the first (last) step
	 */
	public List<StepRecord> listSteps(String id, @Nullable Integer afterSequence, boolean descending, int limit) {
		String bound = (afterSequence == null) ? "" : descending ? " and s.seq < :bound" : " and s.seq > :bound";
		var query = this.entityManager.createQuery("""
				select s.seq, s.name, s.state, s.attempts, s.failures, s.result, s.error, s.startedAt, s.finishedAt,
				s.wakeAt
				from WorkflowStepEntity s where s.runId = :id""" + bound + " order by s.seq"
				+ (descending ? " desc" : ""), Object[].class)
			.setParameter("id", id)
			.setMaxResults(limit);
		if (afterSequence != null) {
			query.setParameter("bound", afterSequence);
		}
		return query.getResultList()
			.stream()
			.map((row) -> new StepRecord(id, (Integer) row[0], (String) row[1], StepState.valueOf((String) row[2]),
					(Integer) row[3], (Integer) row[4], (String) row[5], (String) row[6], (Instant) row[7],
					(Instant) row[8], (Instant) row[9]))
			.toList();
	}

	private SqlDialect dialect(Connection connection) throws SQLException {
		SqlDialect result = this.dialect;
		if (result == null) {
			result = SqlDialect.of(connection);
			this.dialect = result;
		}
		return result;
	}

	/** Runs one statement: in the current transaction if there is one, else committed on its own. */
	private <T> T execute(String task, SqlWork<T> work) {
		return run(task, work, false);
	}

	/** Runs several statements in the current transaction if there is one, else in a new one. */
	private <T> T inTransaction(String task, SqlWork<T> work) {
		return run(task, work, true);
	}

	/**
	 * Runs the work on this thread's transactional connection if there is one; else on a
	 * connection of its own, in a transaction of its own, again if PostgreSQL failed it to break a
	 * deadlock.
	 */
	private <T> T run(String task, SqlWork<T> work, boolean multiStatement) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			return runOnce(task, work, multiStatement);
		}
		return retryingDeadlocks(() -> runOnce(task, work, multiStatement));
	}

	private <T> T runOnce(String task, SqlWork<T> work, boolean multiStatement) {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			boolean joined = DataSourceUtils.isConnectionTransactional(connection, this.dataSource);
			boolean autoCommit = connection.getAutoCommit();
			boolean switchOffAutoCommit = !joined && multiStatement && autoCommit;
			if (switchOffAutoCommit) {
				connection.setAutoCommit(false);
			}
			boolean commitHere = !joined && (switchOffAutoCommit || !autoCommit);
			try {
				T result = work.doWith(connection);
				if (commitHere) {
					connection.commit();
				}
				return result;
			}
			catch (SQLException | RuntimeException ex) {
				if (commitHere) {
					connection.rollback();
				}
				throw ex;
			}
			finally {
				if (switchOffAutoCommit) {
					connection.setAutoCommit(true);
				}
			}
		}
		catch (SQLException ex) {
			throw translate(task, ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	private DataAccessException translate(String task, SQLException ex) {
		DataAccessException translated = this.exceptionTranslator.translate("Workflow journal: " + task, null, ex);
		return (translated != null) ? translated
				: new org.springframework.jdbc.UncategorizedSQLException("Workflow journal: " + task, null, ex);
	}

	static void setInstant(PreparedStatement statement, int index, @Nullable Instant instant)
			throws SQLException {
		if (instant == null) {
			statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
		}
		else {
			statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
		}
	}

	private static @Nullable Instant getInstant(ResultSet rows, int index) throws SQLException {
		OffsetDateTime time = rows.getObject(index, OffsetDateTime.class);
		return (time != null) ? time.toInstant() : null;
	}

	private static void setText(PreparedStatement statement, int index, @Nullable String text) throws SQLException {
		if (text == null) {
			statement.setNull(index, Types.VARCHAR);
		}
		else {
			statement.setString(index, text);
		}
	}

	@FunctionalInterface
	private interface SqlWork<T> {

		T doWith(Connection connection) throws SQLException;

	}

	@FunctionalInterface
	private interface SqlCall<T> {

		T call() throws SQLException;

	}

}
