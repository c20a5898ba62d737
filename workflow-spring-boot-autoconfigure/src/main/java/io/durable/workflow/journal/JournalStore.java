package io.durable.workflow.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import io.durable.workflow.WorkflowState;
import jakarta.persistence.EntityManager;
import org.jspecify.annotations.Nullable;

import static io.durable.workflow.journal.JournalJdbc.bindAll;
import static io.durable.workflow.journal.JournalJdbc.catchingDuplicate;
import static io.durable.workflow.journal.JournalJdbc.chunks;
import static io.durable.workflow.journal.JournalJdbc.getInstant;
import static io.durable.workflow.journal.JournalJdbc.ids;
import static io.durable.workflow.journal.JournalJdbc.placeholders;
import static io.durable.workflow.journal.JournalJdbc.setInstant;
import static io.durable.workflow.journal.JournalJdbc.setText;

/**
 * The journal: the statements of {@code workflow_run} (starts, claims, leases, outcomes, cancels,
 * listing and statistics), and the stores of the rest ({@link #steps()}, {@link #groupCommit()},
 * {@link #events()}, {@link #watches()}, {@link #retention()}) and the read side
 * ({@link #queries()}). Everything goes
 * through one {@link JournalJdbc}: a statement joins the current Spring transaction when there is
 * one (a caller's transaction at start, a transactional step's own) and otherwise commits on its
 * own.
 *
 * <p>Internal API: it may change in any release.
 */
public final class JournalStore {

	private static final String IN_PROGRESS = WorkflowState.IN_PROGRESS.name();

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

	private static final String INSERT_STEP_WITH_FINISH = "WITH step AS (" + StepStore.INSERT_STEP + " RETURNING 1) "
			+ FINISH_RUN + " AND EXISTS (SELECT 1 FROM step)";

	private final JournalJdbc jdbc;

	private final JournalQueries queries;

	private final StepStore steps;

	private final PostgresGroupCommit groupCommit;

	private final EventStore events;

	private final RetentionStore retention;

	private final WatchStore watches;

	public JournalStore(DataSource dataSource, EntityManager entityManager) {
		this.jdbc = new JournalJdbc(dataSource);
		this.queries = new JournalQueries(entityManager);
		this.steps = new StepStore(this.jdbc);
		this.groupCommit = new PostgresGroupCommit(this.jdbc);
		this.events = new EventStore(this.jdbc);
		this.retention = new RetentionStore(this.jdbc);
		this.watches = new WatchStore(this.jdbc);
	}

	/** Status, result and step reads. */
	public JournalQueries queries() {
		return this.queries;
	}

	/** The steps of runs. */
	public StepStore steps() {
		return this.steps;
	}

	/** Several workflows' new runs, steps and outcomes in one commit, on PostgreSQL. */
	public PostgresGroupCommit groupCommit() {
		return this.groupCommit;
	}

	/** The events sent to runs. */
	public EventStore events() {
		return this.events;
	}

	/** Deleting finished runs, and housekeeping locks. */
	public RetentionStore retention() {
		return this.retention;
	}

	/** The runs whose live status nodes stream. */
	public WatchStore watches() {
		return this.watches;
	}

	/**
	 * Inserts a new run.
	 * @return {@code false} if a run with that id exists already
	 */
	public boolean insertRun(NewRun run) {
		return this.jdbc.execute("insert run " + run.id(), (connection) -> {
			String sql = this.jdbc.dialect(connection).insertRun;
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
	 * Records a run's outcome, if its owner still owns it, together with the run's last step if
	 * that is not journaled yet: one statement on PostgreSQL, one transaction on H2.
	 * @return {@code false} if the run is no longer owned by that node, or its last step's
	 * position is journaled already
	 */
	public boolean finishRun(FinishRecord finish) {
		StepRecord lastStep = finish.lastStep();
		if (lastStep == null) {
			return this.jdbc.execute("finish run " + finish.runId(), (connection) -> finish(connection, finish));
		}
		if (this.jdbc.dialect() == SqlDialect.POSTGRESQL) {
			return this.jdbc.execute("finish run " + finish.runId(), (connection) -> catchingDuplicate(() -> {
				try (PreparedStatement statement = connection.prepareStatement(INSERT_STEP_WITH_FINISH)) {
					StepStore.bindStep(statement, lastStep);
					return bindFinish(statement, 13, finish).executeUpdate() == 1;
				}
			}));
		}
		return this.jdbc.inTransaction("finish run " + finish.runId(),
				(connection) -> StepStore.insert(connection, lastStep) && finish(connection, finish));
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
	 * Extends the lease of every unfinished run {@code owner} holds, except those another
	 * transaction has locked: that one is finishing, claiming or canceling the run, or sending it
	 * an event, and waiting for it while holding the other runs' locks could deadlock with a group
	 * commit finishing several of them. The next renewal extends a lease skipped here.
	 * @return the runs it still holds (those missing were canceled or taken over), and those of
	 * them whose lease it extended
	 */
	public LeaseRenewal renewLeases(String owner, Instant leaseUntil) {
		return this.jdbc.inTransaction("renew leases of " + owner, (connection) -> {
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
		return this.jdbc.execute("cancel run " + id, (connection) -> cancel(connection, id, now));
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
		return this.jdbc.inTransaction("cancel the children of " + parentId, (connection) -> {
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
		return this.jdbc.execute("find the children of " + parentId,
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

	/** Looks at a child workflow for its waiting parent: see {@link ChildRecord}. */
	public ChildRecord lookAtChild(String parentId, String childId) {
		return this.jdbc.execute("look at child " + childId, (connection) -> {
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
		return this.jdbc.execute("check durability settings", (connection) -> {
			if (this.jdbc.dialect(connection) != SqlDialect.H2) {
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

	private static ClaimedRun claimed(ResultSet rows) throws SQLException {
		return new ClaimedRun(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
				rows.getString(5), rows.getString(6), rows.getString(7));
	}

	/**
	 * Signals a run that something was sent to it: counts the signal and, if no node holds the
	 * run, makes it due now so that a node wakes it. Run it in the transaction that stores what
	 * was sent, after storing it.
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
	 * Gives up a run that waits for a signal: due at {@code dueAt} (its wait's deadline, or
	 * {@code null} for none), or at once if it was signaled since this node saw
	 * {@code seenSignals}. The count is in the run's row, so a signal sent concurrently is either
	 * counted here or finds the run released and makes it due itself.
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

	/** Claims one run for {@code owner} if it is due and no node holds it. */
	public Optional<ClaimedRun> claimRun(String id, String owner, Instant now, Instant leaseUntil) {
		return this.jdbc.inTransaction("claim run " + id, (connection) -> {
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
		});
	}

	/**
	 * Records (or, with {@code null}, clears) the failure of a run's completion handler: why the
	 * run is not reported finished yet, or why its outcome stands without the handler.
	 * @param owner the node that must hold the run, or {@code null} for a finished run
	 */
	public void recordHandlerError(String id, @Nullable String owner, @Nullable String error) {
		this.jdbc.execute("record the completion handler error of " + id, (connection) -> {
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
		return this.jdbc.execute("count runs", (connection) -> {
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
		return this.jdbc.execute("list runs", (connection) -> {
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

	/** This node's liveness lock, on this journal's database. */
	public NodeLiveness liveness(String nodeId) {
		return new NodeLiveness(this.jdbc.dataSource(), nodeId);
	}


}
