package io.durable.workflow.engine.execution;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.hibernate.TransactionException;
import org.hibernate.exception.JDBCConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a fault of the database, or of the way to it, from a failure of the code that met
 * it: a lost or refused connection, an exhausted pool, an administrator's shutdown, a
 * failover's read-only database, a serialization failure or deadlock, a rollback or
 * commit that could not reach the database (a transaction's failure without a SQL state:
 * its connection was closed). A fault ends a turn without recording anything; the run
 * goes on once the database answers again. The first SQL state in the cause chain
 * decides, by its class; without one, the JDBC and Spring exception types do. A
 * constraint violation (class {@code 23}), a syntax error, a statement's timeout or an
 * optimistic locking conflict is the code's own failure: its retry policy decides, since
 * running it again may fail the same way for good.
 */
final class DatabaseFaults {

	/**
	 * The SQL state classes of faults: connection, transaction rollback, resources,
	 * operator, system.
	 */
	private static final Set<String> FAULT_CLASSES = Set.of("08", "40", "53", "57", "58");

	/**
	 * SQL states that are faults outside those classes: read-only transaction (a standby
	 * after a failover), lock not available; H2's lock timeout, broken connection, closed
	 * database and shutdown.
	 */
	private static final Set<String> FAULT_STATES = Set.of("25006", "55P03", "HYT00", "90067", "90098", "90121");

	/**
	 * SQL states inside the fault classes that are the code's own: a deferred constraint,
	 * a canceled statement.
	 */
	private static final Set<String> FAILURE_STATES = Set.of("40002", "57014");

	private DatabaseFaults() {
	}

	/** Whether the throwable is, or was caused by, a fault of the database. */
	static boolean isFault(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		boolean faultType = false;
		for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				return isFaultState(sql.getSQLState());
			}
			faultType |= isFaultType(cause);
		}
		return faultType;
	}

	private static boolean isFaultState(String state) {
		if (FAILURE_STATES.contains(state)) {
			return false;
		}
		return FAULT_STATES.contains(state) || (state.length() >= 2 && FAULT_CLASSES.contains(state.substring(0, 2)));
	}

	private static boolean isFaultType(Throwable cause) {
		if (cause instanceof SQLTimeoutException || cause instanceof QueryTimeoutException
				|| cause instanceof OptimisticLockingFailureException) {
			return false;
		}
		return cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
				|| cause instanceof SQLNonTransientConnectionException || cause instanceof TransientDataAccessException
				|| cause instanceof DataAccessResourceFailureException
				|| cause instanceof RecoverableDataAccessException || cause instanceof CannotCreateTransactionException
				|| cause instanceof TransactionSystemException || cause instanceof TransactionException
				|| cause instanceof JDBCConnectionException;
	}

}
