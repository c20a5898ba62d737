package io.durable.workflow.deploy;

import java.util.Map;

import io.durable.workflow.test.PostgresTestDatabase;

/** {@link CodeChangeTests} on a real PostgreSQL. */
class PostgresCodeChangeTests extends CodeChangeTests {

	private static final PostgresTestDatabase.Connection DATABASE = PostgresTestDatabase.newDatabase();

	@Override
	Map<String, Object> database() {
		return Map.of("spring.datasource.url", DATABASE.url(), "spring.datasource.username", DATABASE.username(),
				"spring.datasource.password", DATABASE.password(), "workflow.jdbc.initialize-schema", "always");
	}

}
