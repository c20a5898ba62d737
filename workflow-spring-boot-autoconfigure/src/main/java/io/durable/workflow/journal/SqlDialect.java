package io.durable.workflow.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The SQL differences between the databases the journal supports. */
enum SqlDialect {

	H2(JournalStore.INSERT_RUN),

	// A failed statement aborts the caller's whole PostgreSQL transaction, so a start with an
	// existing id must not fail: skip the row instead.
	POSTGRESQL(JournalStore.INSERT_RUN + " ON CONFLICT (id) DO NOTHING");

	final String insertRun;

	SqlDialect(String insertRun) {
		this.insertRun = insertRun;
	}

	static SqlDialect of(Connection connection) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
		if (product.contains("postgres")) {
			return POSTGRESQL;
		}
		if (product.contains("h2")) {
			return H2;
		}
		throw new IllegalStateException("The workflow journal supports H2 and PostgreSQL, not '"
				+ connection.getMetaData().getDatabaseProductName() + "'");
	}

}
