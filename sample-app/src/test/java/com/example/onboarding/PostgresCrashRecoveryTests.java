package com.example.onboarding;

import java.util.List;

import javax.sql.DataSource;

import io.durable.workflow.test.PostgresTestDatabase;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The crash test on PostgreSQL (a database of its own), with the {@code postgres} profile. */
class PostgresCrashRecoveryTests extends CrashRecoveryTests {

	private final PostgresTestDatabase.Connection database = PostgresTestDatabase.newDatabase();

	@Override
	List<String> databaseArguments() {
		return List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + this.database.url(),
				"--spring.datasource.username=" + this.database.username(),
				"--spring.datasource.password=" + this.database.password());
	}

	@Override
	DataSource dataSource() {
		return new DriverManagerDataSource(this.database.url(), this.database.username(), this.database.password());
	}

}
