package io.durable.workflow.journal;

import io.durable.workflow.autoconfigure.WorkflowDataSourceScriptDatabaseInitializer;
import io.durable.workflow.autoconfigure.WorkflowJdbcProperties;
import io.durable.workflow.test.PostgresTestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On PostgreSQL, the start-up check of the journal's tables covers the tables only it
 * has.
 */
class PostgresJournalTablesTests {

	@Test
	void aJournalWithoutTheLivenessAndWatchTablesIsReported() {
		PostgresTestDatabase.Connection database = PostgresTestDatabase.newDatabase();
		DriverManagerDataSource dataSource = new DriverManagerDataSource(database.url(), database.username(),
				database.password());
		WorkflowJdbcProperties properties = new WorkflowJdbcProperties();
		properties.setInitializeSchema(DatabaseInitializationMode.ALWAYS);
		new WorkflowDataSourceScriptDatabaseInitializer(dataSource, properties).initializeDatabase();
		assertThat(JournalTables.missing(dataSource)).isNull();

		JdbcClient.create(dataSource).sql("drop table workflow_node").update();
		JdbcClient.create(dataSource).sql("drop table workflow_watch cascade").update();

		assertThat(JournalTables.missing(dataSource)).startsWith(
				"The workflow journal's tables workflow_node, workflow_watch do not exist in the database jdbc:postgresql:");
	}

}
