package io.durable.workflow;

class H2StatementCountTests extends StatementCountTests {

	H2StatementCountTests() {
		// H2 has no statement that inserts the last step and records the outcome: two,
		// one commit.
		super(1);
	}

}
