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
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.durable.workflow.StepState;
import io.durable.workflow.WorkflowState;
import jakarta.persistence.EntityManager;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

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

	private static final String IN_PROGRESS = WorkflowState.IN_PROGRESS.name();

	private static final String INSERT_STEP = "INSERT INTO workflow_step (state, attempts, result, error, started_at,"
			+ " finished_at, wake_at, run_id, seq, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

	private static final String FINISH_RUN = "UPDATE workflow_run SET state = ?, result = ?, error = ?, owner = NULL,"
			+ " due_at = NULL, finished_at = ? WHERE id = ? AND owner = ?";

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
	 * Inserts a new run, owned by {@code owner} until {@code dueAt}, or, without an owner, due at
	 * {@code dueAt}.
	 * @return {@code false} if a run with that id exists already
	 */
	public boolean insertRun(String id, String name, String args, @Nullable String owner, Instant dueAt,
			Instant now) {
		return execute("insert run " + id, (connection) -> {
			String sql = dialect(connection).insertRun;
			return catchingDuplicate(() -> {
				try (PreparedStatement statement = connection.prepareStatement(sql)) {
					statement.setString(1, id);
					statement.setString(2, name);
					statement.setString(3, IN_PROGRESS);
					statement.setString(4, args);
					setText(statement, 5, owner);
					setInstant(statement, 6, dueAt);
					setInstant(statement, 7, now);
					return statement.executeUpdate() == 1;
				}
			});
		});
	}

	/**
	 * Journals one step.
	 * @return {@code false} if that position is journaled already: another node has taken the
	 * run over
	 */
	public boolean insertStep(StepRecord step) {
		return execute("journal step " + step.sequence() + " of " + step.runId(),
				(connection) -> insertStep(connection, step));
	}

	private static boolean insertStep(Connection connection, StepRecord step) throws SQLException {
		return catchingDuplicate(() -> {
			try (PreparedStatement statement = connection.prepareStatement(INSERT_STEP)) {
				bindStep(statement, step);
				statement.setString(10, step.name());
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
	 * Moves a waiting step on: its next attempt's outcome, or its completion.
	 * @param expectedAttempts the attempts the waiting row records
	 * @return {@code false} if the row is not waiting with those attempts any more: another node
	 * has taken the run over
	 */
	public boolean updateStep(StepRecord step, int expectedAttempts) {
		return execute("journal step " + step.sequence() + " of " + step.runId(), (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(
					// A step keeps the start of its first attempt; a scheduled one takes that of its first run.
					"UPDATE workflow_step SET state = ?, attempts = ?, result = ?, error = ?,"
							+ " started_at = CASE WHEN attempts = 0 THEN ? ELSE started_at END, finished_at = ?, wake_at = ?"
							+ " WHERE run_id = ? AND seq = ? AND state = ? AND attempts = ?")) {
				bindStep(statement, step);
				statement.setString(10, StepState.WAITING.name());
				statement.setInt(11, expectedAttempts);
				return statement.executeUpdate() == 1;
			}
		});
	}

	private static void bindStep(PreparedStatement statement, StepRecord step) throws SQLException {
		statement.setString(1, step.state().name());
		statement.setInt(2, step.attempts());
		setText(statement, 3, step.result());
		setText(statement, 4, step.error());
		setInstant(statement, 5, step.startedAt());
		setInstant(statement, 6, step.finishedAt());
		setInstant(statement, 7, step.wakeAt());
		statement.setString(8, step.runId());
		statement.setInt(9, step.sequence());
	}

	/**
	 * Records a run's outcome, if {@code owner} still owns it, together with the run's last step
	 * if that is not journaled yet: one statement on PostgreSQL, one transaction on H2.
	 * @param lastStep a completed step to journal with the outcome, or {@code null}
	 * @return {@code false} if the run is no longer owned by {@code owner}, or its last step's
	 * position is journaled already
	 */
	public boolean finishRun(String id, String owner, WorkflowState state, @Nullable String result,
			@Nullable String error, Instant now, @Nullable StepRecord lastStep) {
		if (lastStep == null) {
			return execute("finish run " + id, (connection) -> finish(connection, id, owner, state, result, error, now));
		}
		return run("finish run " + id, (connection) -> {
			if (dialect(connection).insertWithUpdate) {
				return catchingDuplicate(() -> {
					try (PreparedStatement statement = connection.prepareStatement(INSERT_STEP_WITH_FINISH)) {
						bindStep(statement, lastStep);
						statement.setString(10, lastStep.name());
						return bindFinish(statement, 11, id, owner, state, result, error, now).executeUpdate() == 1;
					}
				});
			}
			return insertStep(connection, lastStep)
					&& finish(connection, id, owner, state, result, error, now);
		}, true);
	}

	private static boolean finish(Connection connection, String id, String owner, WorkflowState state,
			@Nullable String result, @Nullable String error, Instant now) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(FINISH_RUN)) {
			return bindFinish(statement, 1, id, owner, state, result, error, now).executeUpdate() == 1;
		}
	}

	private static PreparedStatement bindFinish(PreparedStatement statement, int first, String id, String owner,
			WorkflowState state, @Nullable String result, @Nullable String error, Instant now) throws SQLException {
		statement.setString(first, state.name());
		setText(statement, first + 1, result);
		setText(statement, first + 2, error);
		setInstant(statement, first + 3, now);
		statement.setString(first + 4, id);
		statement.setString(first + 5, owner);
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
	 * Extends the lease of every unfinished run {@code owner} holds.
	 * @return the number of runs renewed
	 */
	public int renewLeases(String owner, Instant leaseUntil) {
		return execute("renew leases of " + owner, (connection) -> {
			try (PreparedStatement statement = connection
				.prepareStatement("UPDATE workflow_run SET due_at = ? WHERE owner = ? AND state = ?")) {
				setInstant(statement, 1, leaseUntil);
				statement.setString(2, owner);
				statement.setString(3, IN_PROGRESS);
				return statement.executeUpdate();
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
		String select = "SELECT id, name, args FROM workflow_run WHERE state = ? AND due_at <= ? AND name IN ("
				+ "?, ".repeat(names.size() - 1) + "?) ORDER BY due_at FETCH FIRST ? ROWS ONLY FOR UPDATE SKIP LOCKED";
		return inTransaction("claim due runs", (connection) -> {
			List<ClaimedRun> claimed = new ArrayList<>();
			try (PreparedStatement statement = connection.prepareStatement(select)) {
				int index = 1;
				statement.setString(index++, IN_PROGRESS);
				setInstant(statement, index++, now);
				for (String name : names) {
					statement.setString(index++, name);
				}
				statement.setInt(index, limit);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						claimed.add(new ClaimedRun(rows.getString(1), rows.getString(2), rows.getString(3)));
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
					"SELECT seq, name, state, attempts, result, error, wake_at FROM workflow_step WHERE run_id = ?"
							+ " ORDER BY seq")) {
				statement.setString(1, id);
				List<JournalEntry> entries = new ArrayList<>();
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						entries.add(new JournalEntry(rows.getInt(1), rows.getString(2),
								StepState.valueOf(rows.getString(3)), rows.getInt(4), rows.getString(5),
								rows.getString(6), getInstant(rows, 7)));
					}
				}
				return entries;
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

	/** Reads a run for status and result queries. */
	public Optional<RunRecord> findRun(String id) {
		return this.entityManager.createQuery("""
				select r.id, r.name, r.state, r.result, r.error, r.createdAt, r.finishedAt
				from WorkflowRunEntity r where r.id = :id""", Object[].class)
			.setParameter("id", id)
			.getResultList()
			.stream()
			.findFirst()
			.map((row) -> new RunRecord((String) row[0], (String) row[1], WorkflowState.valueOf((String) row[2]),
					(String) row[3], (String) row[4], (Instant) row[5], (Instant) row[6]));
	}

	/**
	 * Lists a run's steps after (or, descending, before) a sequence number.
	 * @param afterSequence the exclusive bound, or {@code null} to start at the first (last) step
	 */
	public List<StepRecord> listSteps(String id, @Nullable Integer afterSequence, boolean descending, int limit) {
		String bound = (afterSequence == null) ? "" : descending ? " and s.seq < :bound" : " and s.seq > :bound";
		var query = this.entityManager.createQuery("""
				select s.seq, s.name, s.state, s.attempts, s.result, s.error, s.startedAt, s.finishedAt, s.wakeAt
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
					(Integer) row[3], (String) row[4], (String) row[5], (Instant) row[6], (Instant) row[7],
					(Instant) row[8]))
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

	private <T> T run(String task, SqlWork<T> work, boolean multiStatement) {
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

	private static void setInstant(PreparedStatement statement, int index, @Nullable Instant instant)
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
