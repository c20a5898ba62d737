package io.durable.workflow.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The group commit on PostgreSQL: the new runs, step records and outcomes of several
 * workflows written by one statement in one commit, which is what bounds throughput on a
 * durable database.
 *
 * <p>
 * Internal API: it may change in any release.
 */
public final class PostgresGroupCommit {

	/**
	 * The element types of {@link #WRITE_TOGETHER}'s arrays of new runs, in its order.
	 */
	private static final String[] RUN_ARRAYS = { "varchar", "varchar", "text", "varchar", "timestamptz", "timestamptz",
			"varchar", "varchar", "text", "varchar", "timestamptz", "varchar", "varchar", "int4", "varchar" };

	/**
	 * The element types of {@link #WRITE_TOGETHER}'s arrays of steps, in
	 * {@link StepStore#STEP_COLUMNS}' order.
	 */
	private static final String[] STEP_ARRAYS = { "varchar", "int4", "int4", "text", "text", "timestamptz",
			"timestamptz", "timestamptz", "varchar", "int4", "varchar" };

	/**
	 * The element types of {@link #WRITE_TOGETHER}'s arrays of outcomes, in its order.
	 */
	private static final String[] FINISH_ARRAYS = { "varchar", "varchar", "varchar", "text", "text", "timestamptz",
			"int4" };

	/**
	 * Several runs' new runs, steps and outcomes in one PostgreSQL statement, each kind
	 * bound as one array per column. It returns a row per record that took effect: 0 and
	 * the id of an inserted run, 1 and the run id and position of a journaled step, 2 and
	 * the id of a finished run. An outcome with a last step takes effect only if that
	 * step is journaled here.
	 */
	private static final String WRITE_TOGETHER = "WITH new_runs AS (INSERT INTO workflow_run (id, name, state, args,"
			+ " owner, due_at, created_at, parent_id, handler, context, trace_context, started_version, last_version,"
			+ " deadline_at, forked_from, queue, priority, dedup_id) SELECT v.id, v.name, 'IN_PROGRESS', v.args,"
			+ " v.owner, v.due_at, v.created_at, v.parent_id, v.handler, v.context, v.trace_context,"
			+ " CAST(? AS VARCHAR), CAST(? AS VARCHAR), v.deadline_at, v.forked_from, v.queue, v.priority, v.dedup_id"
			+ " FROM " + unnest(RUN_ARRAYS) + " AS v (id, name, args, owner, due_at, created_at, parent_id, handler,"
			+ " context, trace_context, deadline_at, forked_from, queue, priority, dedup_id)"
			// Skips a run whose id, or whose deduplication id in its queue, is taken.
			+ " ON CONFLICT DO NOTHING RETURNING id)," + " new_steps AS (INSERT INTO workflow_step ("
			+ StepStore.STEP_COLUMNS + ") SELECT v.* FROM " + unnest(STEP_ARRAYS) + " AS v (" + StepStore.STEP_COLUMNS
			+ ")"
			// A lookup by key per step: a join would let a generic plan scan every run in
			// progress.
			+ " WHERE (SELECT r.state FROM workflow_run r WHERE r.id = v.run_id) = 'IN_PROGRESS'"
			+ " ON CONFLICT (run_id, seq) DO NOTHING RETURNING run_id, seq),"
			+ " finished AS (UPDATE workflow_run AS r SET state = v.state, result = v.result, error = v.error,"
			+ " owner = NULL, due_at = NULL, finished_at = v.finished_at FROM " + unnest(FINISH_ARRAYS)
			+ " AS v (id, owner, state, result, error, finished_at, last_seq)"
			+ " WHERE r.id = v.id AND r.owner = v.owner AND (v.last_seq IS NULL"
			+ " OR EXISTS (SELECT 1 FROM new_steps s WHERE s.run_id = v.id AND s.seq = v.last_seq)) RETURNING r.id)"
			+ " SELECT 0, id, 0 FROM new_runs UNION ALL SELECT 1, run_id, seq FROM new_steps"
			+ " UNION ALL SELECT 2, id, 0 FROM finished";

	private final JournalJdbc jdbc;

	/** The application's code version, recorded on the runs this node starts. */
	private final String codeVersion;

	PostgresGroupCommit(JournalJdbc jdbc, String codeVersion) {
		this.jdbc = jdbc;
		this.codeVersion = codeVersion;
	}

	/**
	 * Whether the database can share a commit this way (PostgreSQL); on other databases
	 * each record is written on its own.
	 */
	public boolean applies() {
		return this.jdbc.dialect().writesTogether();
	}

	/**
	 * Inserts the runs, journals the steps and records the outcomes of several runs in
	 * one statement, committed on its own (PostgreSQL only): runs that exist already and
	 * positions journaled already are skipped, as are outcomes of runs no longer owned by
	 * their node or whose last step was skipped. The statement's text is the same
	 * whatever the numbers of records (they are bound as arrays), so that PostgreSQL
	 * plans it once per connection.
	 *
	 * <p>
	 * Call it outside any transaction. Where PostgreSQL breaks a deadlock by failing the
	 * statement (with a transaction that locks several of these runs in another order,
	 * such as a cancel cascade), nothing of it took effect, so it runs again, up to three
	 * times in all: the next time it waits for that transaction.
	 * @return which of them took effect, by {@link #runKey}, {@link #stepKey} and run id
	 */
	public Set<String> write(List<NewRun> runs, List<StepRecord> steps, List<FinishRecord> finishes) {
		List<StepRecord> inserts = new ArrayList<>(steps);
		finishes.stream().map(FinishRecord::lastStep).filter(Objects::nonNull).forEach(inserts::add);
		String task = "journal " + runs.size() + " runs, " + inserts.size() + " steps and " + finishes.size()
				+ " outcomes";
		return this.jdbc.execute(task, (connection) -> write(connection, this.codeVersion, runs, inserts, finishes));
	}

	/** Writes them in one statement on the given connection (in auto-commit mode). */
	static Set<String> write(Connection connection, String codeVersion, List<NewRun> runs, List<StepRecord> inserts,
			List<FinishRecord> finishes) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(WRITE_TOGETHER)) {
			statement.setString(1, codeVersion);
			statement.setString(2, codeVersion);
			int index = 3;
			index = bindColumns(statement, index, runs, RUN_ARRAYS, NewRun::id, NewRun::name, NewRun::args,
					NewRun::owner, (run) -> text(run.dueAt()), (run) -> text(run.createdAt()), NewRun::parentId,
					NewRun::handler, NewRun::context, NewRun::traceContext, (run) -> text(run.deadline()),
					NewRun::forkedFrom, NewRun::queue, NewRun::priority, NewRun::dedupId);
			index = bindColumns(statement, index, inserts, STEP_ARRAYS, (step) -> step.state().name(),
					StepRecord::attempts, StepRecord::failures, StepRecord::result, StepRecord::error,
					(step) -> text(step.startedAt()), (step) -> text(step.finishedAt()), (step) -> text(step.wakeAt()),
					StepRecord::runId, StepRecord::sequence, StepRecord::name);
			bindColumns(statement, index, finishes, FINISH_ARRAYS, FinishRecord::runId, FinishRecord::owner,
					(finish) -> finish.state().name(), FinishRecord::result, FinishRecord::error,
					(finish) -> text(finish.finishedAt()),
					(finish) -> (finish.lastStep() != null) ? finish.lastStep().sequence() : null);
			Set<String> written = new HashSet<>();
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					String id = rows.getString(2);
					written.add(switch (rows.getInt(1)) {
						case 0 -> runKey(id);
						case 1 -> stepKey(id, rows.getInt(3));
						default -> id;
					});
				}
			}
			return written;
		}
	}

	/**
	 * Binds one array parameter per column, each holding that column's value of every
	 * record.
	 * @return the next parameter's index
	 */
	@SafeVarargs
	private static <R> int bindColumns(PreparedStatement statement, int first, List<R> records, String[] types,
			Function<R, @Nullable Object>... columns) throws SQLException {
		for (int column = 0; column < columns.length; column++) {
			Object[] values = new Object[records.size()];
			for (int i = 0; i < values.length; i++) {
				values[i] = columns[column].apply(records.get(i));
			}
			statement.setArray(first + column, statement.getConnection().createArrayOf(types[column], values));
		}
		return first + columns.length;
	}

	/**
	 * {@code unnest((SELECT ?::type[]), ...)}: rows of the arrays bound, one array per
	 * column. Each array is behind a sub-select so that no plan sees its length: planned
	 * for the values bound, {@code unnest} would be estimated at the arrays' lengths, and
	 * PostgreSQL, finding those plans cheaper than a generic one, would plan the
	 * statement again for every execution.
	 */
	private static String unnest(String[] types) {
		return Arrays.stream(types)
			.map((type) -> "(SELECT ?::" + type + "[])")
			.collect(Collectors.joining(", ", "unnest(", ")"));
	}

	private static @Nullable String text(@Nullable Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

	/** The key {@link #write} reports an inserted run by. */
	public static String runKey(String id) {
		return "+" + id;
	}

	/** The key {@link #write} reports a written step by. */
	public static String stepKey(StepRecord step) {
		return stepKey(step.runId(), step.sequence());
	}

	private static String stepKey(String runId, int sequence) {
		return runId + "/" + sequence;
	}

}
