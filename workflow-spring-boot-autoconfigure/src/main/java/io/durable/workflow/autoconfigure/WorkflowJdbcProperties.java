package io.durable.workflow.autoconfigure;

import org.springframework.boot.jdbc.init.DatabaseInitializationProperties;

/**
 * How the journal's schema is created ({@code workflow.jdbc.*}, bound as part of
 * {@link WorkflowProperties}): {@code initialize-schema} {@code embedded} (the default:
 * only for in-memory databases), {@code always}, or {@code never} (when the schema is
 * managed with Flyway or Liquibase).
 */
public class WorkflowJdbcProperties extends DatabaseInitializationProperties {

	static final String DEFAULT_SCHEMA_LOCATION = "classpath:io/durable/workflow/journal/schema-@@platform@@.sql";

	@Override
	public String getDefaultSchemaLocation() {
		return DEFAULT_SCHEMA_LOCATION;
	}

}
