package io.durable.workflow.journal;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;

import static io.durable.workflow.journal.JournalJdbc.catchingDuplicate;

/**
 * PostgreSQL: duplicates skipped (a failed statement aborts the caller's whole
 * transaction), a run's last step and outcome in one statement, the group commit
 * ({@link PostgresGroupCommit}), changes announced by triggers and
 * {@code LISTEN}/{@code NOTIFY} ({@link PostgresChangeListener}), and nodes' liveness
 * held as advisory locks ({@link NodeLiveness}).
 */
final class PostgresDialect implements SqlDialect {

	static final PostgresDialect INSTANCE = new PostgresDialect();

	/**
	 * The tables of PostgreSQL's journal: those of every database, nodes' liveness, and
	 * watched runs.
	 */
	private static final List<String> TABLES = Stream
		.concat(SqlDialect.TABLES.stream(), Stream.of("workflow_node", "workflow_watch"))
		.toList();

	private static final String INSERT_STEP_WITH_FINISH = "WITH step AS (" + StepStore.INSERT_STEP + " RETURNING 1) "
			+ RunStore.FINISH_RUN + " AND EXISTS (SELECT 1 FROM step)";

	private PostgresDialect() {
	}

	@Override
	public List<String> tables() {
		return TABLES;
	}

	@Override
	public String skippingDuplicates() {
		return " ON CONFLICT DO NOTHING";
	}

	@Override
	public boolean finishWithLastStep(JournalJdbc jdbc, FinishRecord finish, StepRecord lastStep) {
		return jdbc.execute("finish run " + finish.runId(), (connection) -> catchingDuplicate(() -> {
			try (PreparedStatement statement = connection.prepareStatement(INSERT_STEP_WITH_FINISH)) {
				StepStore.bindStep(statement, lastStep);
				return RunStore.bindFinish(statement, 13, finish).executeUpdate() == 1;
			}
		}));
	}

	@Override
	public boolean writesTogether() {
		return true;
	}

	@Override
	public boolean announcesChanges() {
		return true;
	}

	@Override
	public AutoCloseable listenForChanges(DataSource dataSource, Consumer<String> changed, Runnable reconnected) {
		return new PostgresChangeListener(dataSource, changed, reconnected);
	}

	@Override
	public boolean locksNodes() {
		return true;
	}

}
