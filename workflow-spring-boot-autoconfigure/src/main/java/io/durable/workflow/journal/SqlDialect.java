package io.durable.workflow.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * What differs between the databases the journal runs on: one implementation per database
 * ({@link H2Dialect}, {@link PostgresDialect}), beside its schema script. The defaults
 * are what any SQL database does; a database overrides what it does better, or
 * differently.
 */
interface SqlDialect {

	/** The tables every database's journal has. */
	List<String> TABLES = List.of("workflow_run", "workflow_step", "workflow_event", "workflow_lock", "workflow_queue");

	/** The dialect of the database a connection is to. */
	static SqlDialect of(Connection connection) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName();
		String name = product.toLowerCase(Locale.ROOT);
		if (name.contains("postgres")) {
			return PostgresDialect.INSTANCE;
		}
		if (name.contains("h2")) {
			return H2Dialect.INSTANCE;
		}
		throw new IllegalStateException("The workflow journal supports H2 and PostgreSQL, not '" + product + "'");
	}

	/** The journal's tables in this database. */
	default List<String> tables() {
		return TABLES;
	}

	/**
	 * What ends an {@code INSERT} so that a row whose key exists is skipped instead of
	 * failing the statement; empty where the database cannot say so, and then the
	 * duplicate fails the statement and is caught.
	 */
	default String skippingDuplicates() {
		return "";
	}

	/**
	 * Journals a run's last step and records its outcome, the outcome only if the step
	 * was journaled here: by default two statements in one transaction.
	 * @return whether both took effect
	 */
	default boolean finishWithLastStep(JournalJdbc jdbc, FinishRecord finish, StepRecord lastStep) {
		return jdbc.inTransaction("finish run " + finish.runId(),
				(connection) -> StepStore.insert(connection, lastStep) && RunStore.finish(connection, finish));
	}

	/**
	 * Describes a setting of the database that can lose committed journal entries in a
	 * crash.
	 * @return the warning, or {@code null} if the database keeps what it commits
	 */
	default @Nullable String durabilityWarning(Connection connection) throws SQLException {
		return null;
	}

	/**
	 * Whether several workflows' new runs, steps and outcomes can go in one statement and
	 * commit ({@link PostgresGroupCommit}); elsewhere each is written on its own.
	 */
	default boolean writesTogether() {
		return false;
	}

	/**
	 * Whether the database announces the changes of watched runs itself; elsewhere
	 * watchers poll.
	 */
	default boolean announcesChanges() {
		return false;
	}

	/**
	 * Listens, on a connection of its own, for the changes of watched runs, where the
	 * database {@linkplain #announcesChanges() announces them}.
	 * @param changed takes the id of each run that changed
	 * @param reconnected runs on every (re)connection: changes may have been missed
	 * before it
	 * @return closes the listener
	 */
	default AutoCloseable listenForChanges(DataSource dataSource, Consumer<String> changed, Runnable reconnected) {
		throw new UnsupportedOperationException("This database does not announce changes: watchers poll");
	}

	/**
	 * Whether a node can hold a lock that its death releases at once
	 * ({@link NodeLiveness}); elsewhere leases alone tell that a node died.
	 */
	default boolean locksNodes() {
		return false;
	}

}
