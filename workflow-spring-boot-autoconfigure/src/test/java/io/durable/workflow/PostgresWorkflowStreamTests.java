package io.durable.workflow;

import java.util.Map;

import io.durable.workflow.test.PostgresTestDatabase;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresWorkflowStreamTests extends WorkflowStreamTests {

	private static final Map<String, Object> DATABASE = database(PostgresTestDatabase.newDatabase());

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		use(DATABASE, registry);
	}

	@Override
	Map<String, Object> sharedDatabase() {
		return DATABASE;
	}

	private static Map<String, Object> database(PostgresTestDatabase.Connection database) {
		return Map.of("spring.datasource.url", database.url(), "spring.datasource.username", database.username(),
				"spring.datasource.password", database.password(), "workflow.jdbc.initialize-schema", "always",
				"spring.sql.init.mode", "always");
	}

	@Override
	void assertOneWatchOfTheDatabase(WorkflowId id) {
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM workflow_watch WHERE run_id = ?")
			.param(id.value())
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(this.jdbc
			.sql("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
					+ " AND query LIKE 'LISTEN workflow_changes%'")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

}
