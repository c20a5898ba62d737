package io.durable.workflow;

import java.util.Map;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class H2WorkflowStreamTests extends WorkflowStreamTests {

	/** Kept open while either application uses it: both run in this JVM. */
	private static final Map<String, Object> DATABASE = Map.of("spring.datasource.url",
			"jdbc:h2:mem:streams-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		use(DATABASE, registry);
	}

	@Override
	Map<String, Object> sharedDatabase() {
		return DATABASE;
	}

	@Override
	void assertOneWatchOfTheDatabase(WorkflowId id) {
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'WORKFLOW_WATCH'")
			.query(Long.class)
			.single()).as("no watch table on H2").isZero();
	}

}
