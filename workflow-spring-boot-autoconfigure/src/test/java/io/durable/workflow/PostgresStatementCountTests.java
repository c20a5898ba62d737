package io.durable.workflow;

import io.durable.workflow.test.OnPostgres;

@OnPostgres
class PostgresStatementCountTests extends StatementCountTests {

	PostgresStatementCountTests() {
		super(0);
	}

}
