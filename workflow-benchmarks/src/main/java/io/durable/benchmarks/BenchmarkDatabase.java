package io.durable.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The database the benchmark runs on: an in-memory H2, an embedded PostgreSQL configured
 * as durably as a production server, or an external PostgreSQL. Measures nothing itself.
 *
 * <p>
 * The embedded library starts PostgreSQL with {@code synchronous_commit=off} and
 * {@code -F} (fsync off) to speed up tests. Both are switched back on here, so that every
 * commit waits for its WAL to reach the disk as it would in production;
 * {@link DatabaseProbe} reads the settings back from the server and prints them.
 */
final class BenchmarkDatabase implements AutoCloseable {

	private static final AtomicInteger h2Databases = new AtomicInteger();

	private final String kind;

	private final String url;

	private final String username;

	private final String password;

	private final EmbeddedPostgres embedded;

	/** Whether PostgreSQL records planning and execution times here. */
	private final boolean planStats;

	private BenchmarkDatabase(String kind, String url, String username, String password, EmbeddedPostgres embedded,
			boolean planStats) {
		this.kind = kind;
		this.url = url;
		this.username = username;
		this.password = password;
		this.embedded = embedded;
		this.planStats = planStats;
	}

	/** Starts (or points at) the database the options ask for. */
	static BenchmarkDatabase open(BenchmarkOptions options) {
		if (!options.postgres()) {
			// A database of its own per run, kept open while no connection is
			// (DB_CLOSE_DELAY).
			String url = "jdbc:h2:mem:benchmark" + h2Databases.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
			return new BenchmarkDatabase("h2", url, "sa", "", null, false);
		}
		if (options.jdbcUrl() != null) {
			return new BenchmarkDatabase("postgres", options.jdbcUrl(), options.jdbcUsername(), options.jdbcPassword(),
					null, false);
		}
		try {
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("fsync", "on");
			if (options.planStats()) {
				builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
					.setServerConfig("pg_stat_statements.track_planning", "on");
			}
			EmbeddedPostgres server = builder.start();
			BenchmarkDatabase database = new BenchmarkDatabase("postgres", server.getJdbcUrl("postgres", "postgres"),
					"postgres", "postgres", server, options.planStats());
			if (options.planStats()) {
				try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
					statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
				}
			}
			return database;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the embedded PostgreSQL", ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create pg_stat_statements in the embedded PostgreSQL", ex);
		}
	}

	/** {@code h2} or {@code postgres}. */
	String kind() {
		return this.kind;
	}

	/**
	 * Whether PostgreSQL records planning and execution times ({@code --plan-stats}).
	 */
	boolean planStats() {
		return this.planStats;
	}

	boolean postgres() {
		return this.kind.equals("postgres");
	}

	String url() {
		return this.url;
	}

	String username() {
		return this.username;
	}

	String password() {
		return this.password;
	}

	/** A connection outside the application's pool. */
	Connection connect() throws SQLException {
		return DriverManager.getConnection(this.url, this.username, this.password);
	}

	@Override
	public void close() {
		if (this.embedded != null) {
			try {
				this.embedded.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot stop the embedded PostgreSQL", ex);
			}
		}
		else if (!postgres()) {
			try (Connection connection = connect(); Statement statement = connection.createStatement()) {
				statement.execute("SHUTDOWN");
			}
			catch (SQLException ex) {
				// Already gone: nothing to free.
			}
		}
	}

}
