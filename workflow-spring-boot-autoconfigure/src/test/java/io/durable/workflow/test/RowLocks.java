package io.durable.workflow.test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.sql.DataSource;

import static org.awaitility.Awaitility.await;

/**
 * Holds runs locked from another transaction, and stages real deadlocks on PostgreSQL
 * with such a transaction, for tests of what the engine does when one is broken.
 */
public final class RowLocks {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private RowLocks() {
	}

	/**
	 * Runs {@code victim}, which locks the run {@code first} and then the run
	 * {@code second}, in a deadlock: another transaction holds {@code second} and, once
	 * the victim waits for it, asks for {@code first}. The victim waited first, so
	 * PostgreSQL fails it to break the cycle (after {@code deadlock_timeout}); the other
	 * transaction then gets its locks and commits.
	 * @return what the victim returned
	 * @throws ExecutionException what the victim threw
	 */
	public static <T> T stageDeadlock(DataSource dataSource, String first, String second, Supplier<T> victim)
			throws SQLException, ExecutionException, InterruptedException, TimeoutException {
		try (Connection other = dataSource.getConnection()) {
			other.setAutoCommit(false);
			lock(other, second);
			CompletableFuture<T> result = CompletableFuture.supplyAsync(victim);
			awaitALockWait(dataSource);
			lock(other, first);
			other.commit();
			return result.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
	}

	/**
	 * PostgreSQL's count of deadlocks broken in this database, as its statistics have it
	 * now.
	 */
	public static long deadlocksBroken(DataSource dataSource) throws SQLException {
		return count(dataSource, "select deadlocks from pg_stat_database where datname = current_database()");
	}

	/**
	 * Locks a run in the connection's transaction, as a write to it would, until that
	 * ends.
	 */
	public static void lock(Connection connection, String id) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("select id from workflow_run where id = ? for update")) {
			statement.setString(1, id);
			statement.executeQuery().close();
		}
	}

	/**
	 * Waits until a session of this database (the server holds other tests' too) waits
	 * for a lock.
	 */
	public static void awaitALockWait(DataSource dataSource) {
		await().atMost(TIMEOUT)
			.until(() -> count(dataSource, "select count(*) from pg_stat_activity where datname = current_database()"
					+ " and wait_event_type = 'Lock'") > 0);
	}

	private static long count(DataSource dataSource, String sql) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

}
