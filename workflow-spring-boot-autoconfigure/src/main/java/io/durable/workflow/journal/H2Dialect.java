package io.durable.workflow.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.jspecify.annotations.Nullable;

/** H2: the defaults, and a warning about commits written late. */
final class H2Dialect implements SqlDialect {

	static final H2Dialect INSTANCE = new H2Dialect();

	private H2Dialect() {
	}

	/** H2 writes commits to its file up to {@code WRITE_DELAY} ms late. */
	@Override
	public @Nullable String durabilityWarning(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(
				"SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'");
				ResultSet rows = statement.executeQuery()) {
			String delay = rows.next() ? rows.getString(1) : "0";
			return "0".equals(delay) ? null
					: "H2 writes commits to its file up to " + delay + " ms late (WRITE_DELAY), so a crash can lose"
							+ " journaled steps, which then run again. Add ;WRITE_DELAY=0 to the JDBC URL.";
		}
	}

}
