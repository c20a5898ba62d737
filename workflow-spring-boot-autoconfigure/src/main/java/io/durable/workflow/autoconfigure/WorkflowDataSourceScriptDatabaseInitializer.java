package io.durable.workflow.autoconfigure;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

import org.springframework.boot.jdbc.init.PropertiesBasedDataSourceScriptDatabaseInitializer;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Runs the journal's schema script for the application's database, as
 * {@code workflow.jdbc.initialize-schema} says. On PostgreSQL, nodes starting at the same
 * moment run it one after the other, under an advisory lock: PostgreSQL's
 * {@code IF NOT EXISTS} does not keep two sessions creating one table at once from
 * failing.
 */
public class WorkflowDataSourceScriptDatabaseInitializer
		extends PropertiesBasedDataSourceScriptDatabaseInitializer<WorkflowJdbcProperties> {

	/** The advisory lock's key: any number no other lock of the application uses. */
	static final long SCHEMA_LOCK = 0x776f726b666c6f77L;

	public WorkflowDataSourceScriptDatabaseInitializer(DataSource dataSource, WorkflowJdbcProperties properties) {
		super(dataSource, properties);
	}

	@Override
	protected void runScripts(Scripts scripts) {
		try (Connection lock = getDataSource().getConnection()) {
			boolean postgres = "PostgreSQL".equals(lock.getMetaData().getDatabaseProductName());
			if (postgres) {
				call(lock, "SELECT pg_advisory_lock(?)");
			}
			try {
				super.runScripts(scripts);
			}
			finally {
				if (postgres) {
					call(lock, "SELECT pg_advisory_unlock(?)");
				}
			}
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("Cannot lock the workflow journal's schema script", ex);
		}
	}

	private static void call(Connection connection, String sql) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setLong(1, SCHEMA_LOCK);
			statement.executeQuery().close();
		}
	}

}
