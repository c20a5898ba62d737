package io.durable.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Looks at the database from the outside, on a connection of its own beside the
 * application's pool: the durability settings in force, how many benchmark runs are still
 * in progress, and PostgreSQL's count of committed transactions
 * ({@code pg_stat_database.xact_commit}).
 *
 * <p>
 * Every read here runs in a transaction that is rolled back, so that PostgreSQL counts it
 * in {@code xact_rollback}: the probe never adds to the commits it measures.
 */
@Component
class DatabaseProbe implements AutoCloseable {

	/**
	 * PostgreSQL 14 writes its statistics file at most every 500 ms; wait longer than
	 * that.
	 */
	private static final long STATISTICS_SETTLE_MILLIS = 600;

	private final BenchmarkDatabase database;

	private final DataSource dataSource;

	private Connection connection;

	DatabaseProbe(BenchmarkDatabase database, DataSource dataSource) {
		this.database = database;
		this.dataSource = dataSource;
	}

	/**
	 * The server and its durability settings, read back from the server.
	 * @return {@code server=... synchronous_commit=... fsync=...} ({@code n/a} on H2)
	 */
	synchronized ResultLine settings() throws SQLException {
		Connection probe = connection();
		try {
			String product = probe.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
			String version = probe.getMetaData().getDatabaseProductVersion().split(" ")[0];
			ResultLine line = new ResultLine().add("server", product + "-" + version);
			if (this.database.postgres()) {
				line.add("synchronous_commit", show(probe, "synchronous_commit")).add("fsync", show(probe, "fsync"));
			}
			else {
				line.add("synchronous_commit", "n/a").add("fsync", "n/a");
			}
			return line;
		}
		finally {
			probe.rollback();
		}
	}

	/**
	 * Counts the runs created since {@code since} that are in {@code state}.
	 * @param state a workflow state, such as {@code IN_PROGRESS}
	 * @param since the earliest creation time counted
	 * @return the number of runs
	 */
	synchronized int runs(String state, Instant since) throws SQLException {
		Connection probe = connection();
		try (PreparedStatement statement = probe
			.prepareStatement("SELECT count(*) FROM workflow_run WHERE state = ? AND created_at >= ?")) {
			statement.setString(1, state);
			statement.setObject(2, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
		finally {
			probe.rollback();
		}
	}

	/**
	 * The owners of the runs of a workflow in progress.
	 * @param workflow the workflow's name
	 * @return each run's owner by run id, {@code ""} for a run no node holds
	 */
	synchronized Map<String, String> owners(String workflow) throws SQLException {
		Connection probe = connection();
		try (PreparedStatement statement = probe
			.prepareStatement("SELECT id, owner FROM workflow_run WHERE name = ? AND state = 'IN_PROGRESS'")) {
			statement.setString(1, workflow);
			Map<String, String> owners = new HashMap<>();
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					owners.put(rows.getString(1), (rows.getString(2) != null) ? rows.getString(2) : "");
				}
			}
			return owners;
		}
		finally {
			probe.rollback();
		}
	}

	/**
	 * PostgreSQL's count of transactions committed in the benchmark's database so far,
	 * once every transaction committed by now is in it; empty on H2.
	 *
	 * <p>
	 * A PostgreSQL 14 backend reports its counts to the statistics collector at most
	 * every 500 ms, and an idle pooled connection may hold its last counts back
	 * indefinitely ({@code pg_stat_force_next_flush()} only exists from PostgreSQL 15 on,
	 * and only flushes the calling backend). A backend that exits reports everything, so
	 * the pool's connections are evicted first (the pool opens new ones); then the count
	 * is read until two reads, more than the collector's interval apart, agree.
	 * @return the committed transactions, or empty on a database without such statistics
	 */
	synchronized OptionalLong committedTransactions() throws SQLException, InterruptedException {
		if (!this.database.postgres()) {
			return OptionalLong.empty();
		}
		if (this.dataSource.isWrapperFor(HikariDataSource.class)) {
			HikariPoolMXBean pool = this.dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
			if (pool != null) {
				pool.softEvictConnections();
			}
		}
		long previous = readCommitted();
		for (int attempt = 0; attempt < 20; attempt++) {
			Thread.sleep(STATISTICS_SETTLE_MILLIS);
			long current = readCommitted();
			if (current == previous) {
				break;
			}
			previous = current;
		}
		return OptionalLong.of(previous);
	}

	private long readCommitted() throws SQLException {
		Connection probe = connection();
		try (Statement statement = probe.createStatement()) {
			// A new snapshot of the statistics, not the one cached by this transaction.
			statement.execute("SELECT pg_stat_clear_snapshot()");
			try (ResultSet rows = statement
				.executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
				rows.next();
				return rows.getLong(1);
			}
		}
		finally {
			probe.rollback();
		}
	}

	/**
	 * The milliseconds PostgreSQL has spent planning and executing the statements of the
	 * benchmark's database so far, where it records them ({@code pg_stat_statements}
	 * loaded with {@code track_planning}: {@code --plan-stats}). Read in a transaction
	 * rolled back, as the other reads: it adds no commit to those counted.
	 * @return planning and execution time, or {@code null} where not recorded
	 */
	synchronized double @Nullable [] statementTimes() throws SQLException {
		if (!this.database.planStats()) {
			return null;
		}
		Connection probe = connection();
		try (Statement statement = probe.createStatement()) {
			try (ResultSet rows = statement.executeQuery("SELECT coalesce(sum(total_plan_time), 0),"
					+ " coalesce(sum(total_exec_time), 0) FROM pg_stat_statements"
					+ " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
				rows.next();
				return new double[] { rows.getDouble(1), rows.getDouble(2) };
			}
		}
		finally {
			probe.rollback();
		}
	}

	/**
	 * Commits single-row inserts one after the other, each on its own, on a connection of
	 * its own: what one journal write alone costs at the least, on this database and its
	 * disk.
	 * @param samples how many commits to time
	 * @return the time of each, in nanoseconds
	 */
	long[] commitTimes(int samples) throws SQLException {
		long[] times = new long[samples];
		try (Connection connection = this.database.connect(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(true);
			statement.execute("CREATE TABLE IF NOT EXISTS benchmark_commit (id INTEGER)");
			try (PreparedStatement insert = connection
				.prepareStatement("INSERT INTO benchmark_commit (id) VALUES (?)")) {
				for (int i = 0; i < samples; i++) {
					long began = System.nanoTime();
					insert.setInt(1, i);
					insert.executeUpdate();
					times[i] = System.nanoTime() - began;
				}
			}
			statement.execute("DROP TABLE benchmark_commit");
		}
		return times;
	}

	private static String show(Connection probe, String setting) throws SQLException {
		try (Statement statement = probe.createStatement();
				ResultSet rows = statement.executeQuery("SHOW " + setting)) {
			rows.next();
			return rows.getString(1);
		}
	}

	private Connection connection() throws SQLException {
		if (this.connection == null) {
			this.connection = this.database.connect();
			this.connection.setAutoCommit(false);
		}
		return this.connection;
	}

	@Override
	public synchronized void close() throws SQLException {
		if (this.connection != null) {
			this.connection.close();
			this.connection = null;
		}
	}

}
