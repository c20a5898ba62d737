package io.durable.workflow.test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads PostgreSQL's plan for a statement, for tests that check which indexes serve it.
 */
public final class QueryPlans {

	private QueryPlans() {
	}

	/**
	 * The plan PostgreSQL makes for a statement with these parameters ({@code EXPLAIN},
	 * nothing executed).
	 * @param connection where to plan it
	 * @param sql the statement, with {@code ?} parameters
	 * @param parameters binds its parameters
	 * @return the plan's lines, joined with newlines
	 */
	public static String explain(Connection connection, String sql, Parameters parameters) throws SQLException {
		List<String> plan = new ArrayList<>();
		try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
			parameters.bind(explain);
			try (ResultSet rows = explain.executeQuery()) {
				while (rows.next()) {
					plan.add(rows.getString(1));
				}
			}
		}
		return String.join("\n", plan);
	}

	/** Binds a statement's parameters. */
	@FunctionalInterface
	public interface Parameters {

		void bind(PreparedStatement statement) throws SQLException;

	}

}
