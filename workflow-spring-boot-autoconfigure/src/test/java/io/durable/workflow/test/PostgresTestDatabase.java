package io.durable.workflow.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real PostgreSQL for tests: the one at {@code WORKFLOW_TEST_JDBC_URL} (with
 * {@code WORKFLOW_TEST_JDBC_USERNAME} / {@code _PASSWORD}) if set, otherwise an embedded
 * server started once per JVM. As a context initializer it points the context at a
 * database of its own, so that engines of different test contexts never claim each
 * other's runs.
 */
public final class PostgresTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final AtomicInteger databases = new AtomicInteger();

	private static EmbeddedPostgres embedded;

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		Connection connection = newDatabase();
		TestPropertyValues
			.of("spring.datasource.url=" + connection.url(), "spring.datasource.username=" + connection.username(),
					"spring.datasource.password=" + connection.password(), "workflow.jdbc.initialize-schema=always",
					"spring.sql.init.mode=always")
			.applyTo(context);
	}

	/** A new, empty database (or the external one, shared). */
	public static synchronized Connection newDatabase() {
		String external = System.getenv("WORKFLOW_TEST_JDBC_URL");
		if (external != null && !external.isBlank()) {
			return new Connection(external, env("WORKFLOW_TEST_JDBC_USERNAME", "postgres"),
					env("WORKFLOW_TEST_JDBC_PASSWORD", ""));
		}
		EmbeddedPostgres server = server();
		String name = "test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
		try (java.sql.Connection admin = server.getPostgresDatabase().getConnection();
				Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create test database " + name, ex);
		}
		return new Connection(server.getJdbcUrl("postgres", name), "postgres", "postgres");
	}

	private static EmbeddedPostgres server() {
		if (embedded == null) {
			try {
				embedded = EmbeddedPostgres.builder().start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot start the embedded PostgreSQL for tests", ex);
			}
		}
		return embedded;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null) ? value : fallback;
	}

	/**
	 * How to reach a test database.
	 *
	 * @param url the JDBC URL
	 * @param username the user
	 * @param password the password
	 */
	public record Connection(String url, String username, String password) {
	}

}
