package io.durable.workflow.journal;

import io.durable.workflow.test.PostgresTestDatabase;

class H2JournalContractTests extends JournalContractTests {

	@Override
	PostgresTestDatabase.Connection database() {
		return new PostgresTestDatabase.Connection("jdbc:h2:mem:journal-contract;DB_CLOSE_DELAY=-1", "sa", "");
	}

	@Override
	String schema() {
		return "io/durable/workflow/journal/schema-h2.sql";
	}

}
