package io.durable.workflow.autoconfigure;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.init.PropertiesBasedDataSourceScriptDatabaseInitializer;

/**
 * Runs the journal's schema script for the application's database, as
 * {@code workflow.jdbc.initialize-schema} says.
 */
public class WorkflowDataSourceScriptDatabaseInitializer
		extends PropertiesBasedDataSourceScriptDatabaseInitializer<WorkflowJdbcProperties> {

	public WorkflowDataSourceScriptDatabaseInitializer(DataSource dataSource, WorkflowJdbcProperties properties) {
		super(dataSource, properties);
	}

}
