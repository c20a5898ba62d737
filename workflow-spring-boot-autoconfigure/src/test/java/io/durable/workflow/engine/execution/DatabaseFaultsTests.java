package io.durable.workflow.engine.execution;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which errors are faults of the database, and which are failures of the code that met
 * them.
 */
class DatabaseFaultsTests {

	@ParameterizedTest
	@ValueSource(strings = { "08006", "08001", "57P01", "57P02", "57P03", "40001", "40P01", "25006", "53300", "55P03",
			"58030", "HYT00", "90067", "90098", "90121" })
	void statesOfTheConnectionTheServerAndConcurrencyAreFaults(String state) {
		assertThat(DatabaseFaults.isFault(new SQLException("lost", state))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "23505", "23503", "42P01", "42601", "22001", "57014", "40002", "P0001" })
	void statesOfTheCodesOwnMistakesAreFailures(String state) {
		assertThat(DatabaseFaults.isFault(new SQLException("wrong", state))).isFalse();
	}

	@Test
	void aRollbackThatCannotReachTheDatabaseIsAFault() {
		SQLException terminated = new SQLException("terminating connection due to administrator command", "57P01");
		assertThat(DatabaseFaults.isFault(
				new JpaSystemException(new RuntimeException("Unable to rollback against JDBC Connection", terminated))))
			.isTrue();
		assertThat(DatabaseFaults.isFault(new TransactionSystemException("Could not commit", terminated))).isTrue();
		assertThat(DatabaseFaults.isFault(new JpaSystemException(new org.hibernate.TransactionException(
				"Unable to rollback against JDBC Connection", new SQLException("Connection is closed")))))
			.isTrue();
	}

	@Test
	void anExhaustedPoolIsAFault() {
		assertThat(DatabaseFaults.isFault(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
				new SQLTransientConnectionException("Connection is not available, request timed out after 30000ms"))))
			.isTrue();
		assertThat(DatabaseFaults.isFault(new CannotCreateTransactionException("Could not open JPA EntityManager")))
			.isTrue();
		assertThat(DatabaseFaults.isFault(new JDBCConnectionException("Unable to acquire JDBC Connection", null)))
			.isTrue();
	}

	@Test
	void theFirstSqlStateDecidesOverTheWrappersType() {
		assertThat(DatabaseFaults.isFault(new DataIntegrityViolationException("duplicate key",
				new SQLException("duplicate key value violates unique constraint", "23505"))))
			.isFalse();
		assertThat(DatabaseFaults
			.isFault(new CannotGetJdbcConnectionException("refused", new SQLException("Connection refused", "08001"))))
			.isTrue();
	}

	@Test
	void timeoutsAndOptimisticLockingConflictsAreTheCodesOwn() {
		assertThat(DatabaseFaults.isFault(new QueryTimeoutException("slow"))).isFalse();
		assertThat(DatabaseFaults.isFault(new SQLTimeoutException("slow"))).isFalse();
		assertThat(DatabaseFaults.isFault(new ObjectOptimisticLockingFailureException(Object.class, 1))).isFalse();
	}

	@Test
	void errorsOfOtherKindsAreFailures() {
		assertThat(DatabaseFaults.isFault(new IllegalStateException("no"))).isFalse();
		RuntimeException looped = new RuntimeException("looped");
		RuntimeException outer = new RuntimeException(looped);
		looped.initCause(outer);
		assertThat(DatabaseFaults.isFault(outer)).isFalse();
	}

}
