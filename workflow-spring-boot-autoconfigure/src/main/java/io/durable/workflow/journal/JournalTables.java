package io.durable.workflow.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * Whether the journal's tables exist, so that a database nobody created them in fails
 * start-up with the fix instead of failing every workflow later.
 */
public final class JournalTables {

	/**
	 * "Table not found": H2's (plain, with candidates, in an empty database) and
	 * PostgreSQL's.
	 */
	private static final Set<String> UNDEFINED_TABLE = Set.of("42S02", "42S03", "42S04", "42P01");

	private JournalTables() {
	}

	/**
	 * Says which of the journal's tables the database does not have. A database that
	 * cannot be reached is no answer: then nothing is reported, and the engine waits for
	 * the database as it always does.
	 * @param dataSource the application's data source
	 * @return what is missing where, or {@code null} if nothing is (or the database
	 * cannot tell)
	 */
	public static @Nullable String missing(DataSource dataSource) {
		List<String> missing = new ArrayList<>();
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			for (String table : SqlDialect.of(connection).tables()) {
				try {
					statement.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
				}
				catch (SQLException ex) {
					if (!UNDEFINED_TABLE.contains(ex.getSQLState())) {
						throw ex;
					}
					missing.add(table);
					if (!connection.getAutoCommit()) {
						connection.rollback();
					}
				}
			}
			return missing.isEmpty() ? null : "The workflow journal's tables " + String.join(", ", missing)
					+ " do not exist in the database " + connection.getMetaData().getURL();
		}
		catch (SQLException ex) {
			return null;
		}
	}

}
