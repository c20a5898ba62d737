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
import java.util.function.Supplier;
import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The journal's one way to its database, which every store of the journal goes through:
 * JDBC work runs on the connection of the caller's transaction if there is one (and it
 * has not committed yet), else on a connection of its own, in a transaction of its own,
 * run again when PostgreSQL broke a deadlock by failing it; SQL errors come out as
 * Spring's {@link DataAccessException}s. Also how the journal binds and reads its column
 * types.
 */
public final class JournalJdbc {

	/** PostgreSQL's and H2's unique violation. */
	private static final String DUPLICATE_KEY_STATE = "23505";

	/** PostgreSQL's deadlock detected. */
	private static final String DEADLOCK_STATE = "40P01";

	/**
	 * How many times a transaction runs at most, if PostgreSQL keeps failing it to break
	 * deadlocks.
	 */
	private static final int DEADLOCK_ATTEMPTS = 3;

	/** Whether this thread runs what a transaction deferred until it committed. */
	private static final ThreadLocal<Boolean> AFTER_COMMIT = new ThreadLocal<>();

	private final DataSource dataSource;

	private final SQLExceptionTranslator exceptionTranslator;

	private volatile @Nullable SqlDialect dialect;

	JournalJdbc(DataSource dataSource) {
		this.dataSource = dataSource;
		this.exceptionTranslator = new SQLErrorCodeSQLExceptionTranslator(dataSource);
	}

	DataSource dataSource() {
		return this.dataSource;
	}

	/** The database's dialect, read once. */
	SqlDialect dialect() {
		SqlDialect known = this.dialect;
		return (known != null) ? known : execute("read the database type", this::dialect);
	}

	/** The database's dialect, read once, from a connection at hand. */
	SqlDialect dialect(Connection connection) throws SQLException {
		SqlDialect known = this.dialect;
		if (known == null) {
			known = SqlDialect.of(connection);
			this.dialect = known;
		}
		return known;
	}

	/**
	 * Runs one statement: in the current transaction if there is one, else committed on
	 * its own.
	 */
	<T> T execute(String task, SqlWork<T> work) {
		return run(task, work, false);
	}

	/**
	 * Runs several statements in the current transaction if there is one, else in a new
	 * one.
	 */
	<T> T inTransaction(String task, SqlWork<T> work) {
		return run(task, work, true);
	}

	/**
	 * Runs a transaction of its own (not one joined) again when PostgreSQL failed it to
	 * break a deadlock: it was rolled back, so nothing of it took effect, and the next
	 * time it waits for the transaction that won. Up to {@value #DEADLOCK_ATTEMPTS} times
	 * in all.
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

	/**
	 * Runs what a transaction deferred until it committed, from its after-commit
	 * callback. The committed transaction's connection is still bound to the thread then,
	 * in auto-commit (after JPA's commit) or in a new transaction that commits only when
	 * the connection is handed back (after JDBC's): the journal work of {@code action}
	 * takes connections and transactions of its own instead.
	 */
	public static void afterCommit(Runnable action) {
		boolean outermost = AFTER_COMMIT.get() == null;
		AFTER_COMMIT.set(Boolean.TRUE);
		try {
			action.run();
		}
		finally {
			if (outermost) {
				AFTER_COMMIT.remove();
			}
		}
	}

	/**
	 * Runs the work on this thread's transactional connection if there is one; else on a
	 * connection of its own, in a transaction of its own, again if PostgreSQL failed it
	 * to break a deadlock.
	 */
	private <T> T run(String task, SqlWork<T> work, boolean multiStatement) {
		if (AFTER_COMMIT.get() == null && TransactionSynchronizationManager.isSynchronizationActive()) {
			return runOnce(task, work, multiStatement);
		}
		return retryingDeadlocks(() -> runOnce(task, work, multiStatement));
	}

	private <T> T runOnce(String task, SqlWork<T> work, boolean multiStatement) {
		boolean ownConnection = AFTER_COMMIT.get() != null;
		Connection connection = null;
		try {
			connection = ownConnection ? this.dataSource.getConnection()
					: DataSourceUtils.getConnection(this.dataSource);
			boolean joined = !ownConnection && DataSourceUtils.isConnectionTransactional(connection, this.dataSource);
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
		return (translated != null) ? translated : new UncategorizedSQLException("Workflow journal: " + task, null, ex);
	}

	/** Runs an insert; {@code false} if its key exists. */
	static boolean catchingDuplicate(SqlCall<Boolean> insert) throws SQLException {
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

	static void setInstant(PreparedStatement statement, int index, @Nullable Instant instant) throws SQLException {
		if (instant == null) {
			statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
		}
		else {
			statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
		}
	}

	static @Nullable Instant getInstant(ResultSet rows, int index) throws SQLException {
		OffsetDateTime time = rows.getObject(index, OffsetDateTime.class);
		return (time != null) ? time.toInstant() : null;
	}

	static void setText(PreparedStatement statement, int index, @Nullable String text) throws SQLException {
		if (text == null) {
			statement.setNull(index, Types.VARCHAR);
		}
		else {
			statement.setString(index, text);
		}
	}

	/** The most ids bound in one {@code IN} list. */
	static final int MAX_IN_LIST = 500;

	/** Runs a query and adds the first column of each row it returns. */
	static <C extends Collection<String>> C ids(PreparedStatement statement, C ids) throws SQLException {
		try (ResultSet rows = statement.executeQuery()) {
			while (rows.next()) {
				ids.add(rows.getString(1));
			}
		}
		return ids;
	}

	/** Splits ids into lists short enough for one {@code IN} list each. */
	static List<List<String>> chunks(List<String> ids) {
		List<List<String>> chunks = new ArrayList<>();
		for (int from = 0; from < ids.size(); from += MAX_IN_LIST) {
			chunks.add(ids.subList(from, Math.min(ids.size(), from + MAX_IN_LIST)));
		}
		return chunks;
	}

	static String placeholders(int count) {
		return "?, ".repeat(count - 1) + "?";
	}

	static void bindAll(PreparedStatement statement, List<String> values) throws SQLException {
		bindAll(statement, 1, values);
	}

	/**
	 * Binds the values to consecutive parameters from {@code first} on.
	 * @return the index of the parameter after them
	 */
	static int bindAll(PreparedStatement statement, int first, Collection<String> values) throws SQLException {
		int index = first;
		for (String value : values) {
			statement.setString(index++, value);
		}
		return index;
	}

	/** JDBC work on a connection. */
	@FunctionalInterface
	interface SqlWork<T> {

		T doWith(Connection connection) throws SQLException;

	}

	/** One JDBC call. */
	@FunctionalInterface
	interface SqlCall<T> {

		T call() throws SQLException;

	}

}
