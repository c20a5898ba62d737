package io.durable.workflow.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.durable.workflow.StepState;
import io.durable.workflow.WorkflowState;
import jakarta.persistence.EntityManager;
import org.jspecify.annotations.Nullable;

import static io.durable.workflow.journal.JournalJdbc.bindAll;
import static io.durable.workflow.journal.JournalJdbc.getInstant;
import static io.durable.workflow.journal.JournalJdbc.placeholders;
import static io.durable.workflow.journal.JournalJdbc.setInstant;
import static io.durable.workflow.journal.RunStore.IN_PROGRESS;

/**
 * The journal's read side: status, results and step listings in JPQL on the mapped
 * entities of the application's persistence unit, so that these reads see what the
 * application's own transaction sees; listings of runs, whose filters and keyset paging
 * {@link RunQuery} writes in SQL, and the statistics of health and metrics, in JDBC.
 *
 * <p>
 * Internal API: it may change in any release.
 */
public final class JournalQueries {

	private final EntityManager entityManager;

	private final JournalJdbc jdbc;

	JournalQueries(EntityManager entityManager, JournalJdbc jdbc) {
		this.entityManager = entityManager;
		this.jdbc = jdbc;
	}

	/** The name of the workflow a stored run belongs to. */
	public Optional<String> findName(String id) {
		return this.entityManager.createQuery("select r.name from WorkflowRunEntity r where r.id = :id", String.class)
			.setParameter("id", id)
			.getResultList()
			.stream()
			.findFirst();
	}

	/** Reads a run for status and result queries. */
	public Optional<RunRecord> findRun(String id) {
		return this.entityManager
			.createQuery(
					"""
							select r.id, r.name, r.state, r.result, r.error, r.createdAt, r.finishedAt, r.parentId, r.handler, r.context,
							r.owner, r.dueAt, r.handlerError, r.stalled, r.startedVersion, r.lastVersion, r.deadlineAt, r.forkedFrom
							from WorkflowRunEntity r where r.id = :id""",
					Object[].class)
			.setParameter("id", id)
			.getResultList()
			.stream()
			.findFirst()
			.map((row) -> new RunRecord((String) row[0], (String) row[1], WorkflowState.valueOf((String) row[2]),
					(String) row[3], (String) row[4], (Instant) row[5], (Instant) row[6], (String) row[7],
					(String) row[8], (String) row[9], (String) row[10], (Instant) row[11], (String) row[12],
					(String) row[13], (String) row[14], (String) row[15], (Instant) row[16], (String) row[17]));
	}

	/**
	 * Counts the runs by state, through the index on state.
	 * @return the count of each state, zero for a state no run is in
	 */
	public Map<WorkflowState, Long> countByState() {
		return this.jdbc.execute("count runs by state", (connection) -> {
			Map<WorkflowState, Long> counts = new EnumMap<>(WorkflowState.class);
			for (WorkflowState state : WorkflowState.values()) {
				counts.put(state, 0L);
			}
			try (PreparedStatement statement = connection
				.prepareStatement("SELECT state, COUNT(*) FROM workflow_run GROUP BY state");
					ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					counts.put(WorkflowState.valueOf(rows.getString(1)), rows.getLong(2));
				}
			}
			return counts;
		});
	}

	/**
	 * Counts the runs started, completed and failed in each minute since a time, in one
	 * query.
	 * @param from the first minute's start
	 * @return the minutes in which any run started or finished, in order
	 */
	public List<RunsInMinute> runsPerMinute(Instant from) {
		return this.jdbc.execute("count runs per minute", (connection) -> {
			TreeMap<Long, long[]> minutes = new TreeMap<>();
			try (PreparedStatement statement = connection.prepareStatement("SELECT 'STARTED', " + minute("created_at")
					+ ", COUNT(*) FROM workflow_run WHERE created_at >= ? GROUP BY " + minute("created_at")
					+ finishedPerMinute(WorkflowState.COMPLETED) + finishedPerMinute(WorkflowState.FAILED))) {
				setInstant(statement, 1, from);
				setInstant(statement, 2, from);
				setInstant(statement, 3, from);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						long[] counts = minutes.computeIfAbsent(rows.getLong(2), (key) -> new long[3]);
						int column = switch (rows.getString(1)) {
							case "STARTED" -> 0;
							case "COMPLETED" -> 1;
							default -> 2;
						};
						counts[column] = rows.getLong(3);
					}
				}
			}
			return minutes.entrySet()
				.stream()
				.map((entry) -> new RunsInMinute(Instant.ofEpochSecond(entry.getKey() * 60), entry.getValue()[0],
						entry.getValue()[1], entry.getValue()[2]))
				.toList();
		});
	}

	/** The runs finished in a state per minute, one state at a time for its index. */
	private static String finishedPerMinute(WorkflowState state) {
		return " UNION ALL SELECT '" + state.name() + "', " + minute("finished_at") + ", COUNT(*) FROM workflow_run"
				+ " WHERE state = '" + state.name() + "' AND finished_at >= ? GROUP BY " + minute("finished_at");
	}

	/** A timestamp column's minute, as minutes since the epoch (H2 and PostgreSQL). */
	private static String minute(String column) {
		return "CAST(FLOOR(EXTRACT(EPOCH FROM " + column + ") / 60) AS BIGINT)";
	}

	/**
	 * The nodes sharing the journal: those holding runs, with how many, and on
	 * PostgreSQL, where nodes announce themselves, also those holding none.
	 * @return the nodes, by id
	 */
	public List<NodeHolding> nodes() {
		return this.jdbc.execute("list the nodes", (connection) -> {
			Map<String, Instant> since = new TreeMap<>();
			if (this.jdbc.dialect(connection).locksNodes()) {
				try (PreparedStatement statement = connection
					.prepareStatement("SELECT node_id, started_at FROM workflow_node");
						ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						since.put(rows.getString(1), getInstant(rows, 2));
					}
				}
			}
			Map<String, Long> holds = new TreeMap<>();
			try (PreparedStatement statement = connection
				.prepareStatement("SELECT owner, COUNT(*) FROM workflow_run WHERE owner IS NOT NULL GROUP BY owner");
					ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					holds.put(rows.getString(1), rows.getLong(2));
				}
			}
			Set<String> nodes = new TreeSet<>(since.keySet());
			nodes.addAll(holds.keySet());
			return nodes.stream()
				.map((node) -> new NodeHolding(node, since.get(node), holds.getOrDefault(node, 0L)))
				.toList();
		});
	}

	/** Reads a run's arguments, as the journal holds them. */
	public Optional<String> findArguments(String id) {
		return this.entityManager.createQuery("select r.args from WorkflowRunEntity r where r.id = :id", String.class)
			.setParameter("id", id)
			.getResultList()
			.stream()
			.findFirst();
	}

	/**
	 * Reads where a run and its unfinished children stand, in one query.
	 * @return the run first, then its children in progress; empty if there is no such run
	 */
	public List<RunPosition> findPositions(String id) {
		return this.entityManager.createQuery("""
				select r.id, r.state, r.owner, r.dueAt from WorkflowRunEntity r
				where r.id = :id or (r.parentId = :id and r.state = :inProgress)""", Object[].class)
			.setParameter("id", id)
			.setParameter("inProgress", IN_PROGRESS)
			.getResultList()
			.stream()
			.map((row) -> new RunPosition((String) row[0], WorkflowState.valueOf((String) row[1]), (String) row[2],
					(Instant) row[3]))
			.sorted(Comparator.comparing((RunPosition run) -> !run.id().equals(id)))
			.toList();
	}

	/**
	 * Lists a run's steps after (or, descending, before) a sequence number.
	 * @param afterSequence the exclusive bound, or {@code null} to start at the first
	 * (last) step
	 */
	public List<StepRecord> listSteps(String id, @Nullable Integer afterSequence, boolean descending, int limit) {
		String bound = (afterSequence == null) ? "" : descending ? " and s.seq < :bound" : " and s.seq > :bound";
		var query = this.entityManager
			.createQuery("""
					select s.seq, s.name, s.state, s.attempts, s.failures, s.result, s.error, s.startedAt, s.finishedAt,
					s.wakeAt
					from WorkflowStepEntity s where s.runId = :id""" + bound + " order by s.seq"
					+ (descending ? " desc" : ""), Object[].class)
			.setParameter("id", id)
			.setMaxResults(limit);
		if (afterSequence != null) {
			query.setParameter("bound", afterSequence);
		}
		return query.getResultList()
			.stream()
			.map((row) -> new StepRecord(id, (Integer) row[0], (String) row[1], StepState.valueOf((String) row[2]),
					(Integer) row[3], (Integer) row[4], (String) row[5], (String) row[6], (Instant) row[7],
					(Instant) row[8], (Instant) row[9]))
			.toList();
	}

	/**
	 * Counts the runs in progress (all of them are read, through the index on their due
	 * time) and the failed ones (through the index on state), in two statements.
	 */
	public JournalStatistics statistics(Instant now, Set<String> registered) {
		List<String> names = List.copyOf(registered);
		String isRegistered = names.isEmpty() ? "1 = 0" : "name IN (" + placeholders(names.size()) + ")";
		return this.jdbc.execute("count runs", (connection) -> {
			long inProgress;
			long waiting;
			long due;
			long unregistered;
			long handlerFailing;
			long stalled;
			Instant oldestDue;
			try (PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*),"
					+ " COALESCE(SUM(CASE WHEN owner IS NULL AND (due_at IS NULL OR due_at > ?) THEN 1 ELSE 0 END), 0),"
					+ " COALESCE(SUM(CASE WHEN due_at <= ? THEN 1 ELSE 0 END), 0),"
					+ " COALESCE(SUM(CASE WHEN due_at <= ? AND NOT (" + isRegistered + ") THEN 1 ELSE 0 END), 0),"
					+ " MIN(CASE WHEN due_at <= ? AND " + isRegistered + " THEN due_at END),"
					+ " COALESCE(SUM(CASE WHEN handler_error IS NOT NULL THEN 1 ELSE 0 END), 0),"
					+ " COALESCE(SUM(CASE WHEN stalled IS NOT NULL THEN 1 ELSE 0 END), 0)"
					+ " FROM workflow_run WHERE state = ?")) {
				int index = 1;
				setInstant(statement, index++, now);
				setInstant(statement, index++, now);
				setInstant(statement, index++, now);
				index = bindAll(statement, index, names);
				setInstant(statement, index++, now);
				index = bindAll(statement, index, names);
				statement.setString(index, IN_PROGRESS);
				try (ResultSet rows = statement.executeQuery()) {
					rows.next();
					inProgress = rows.getLong(1);
					waiting = rows.getLong(2);
					due = rows.getLong(3);
					unregistered = rows.getLong(4);
					oldestDue = getInstant(rows, 5);
					handlerFailing = rows.getLong(6);
					stalled = rows.getLong(7);
				}
			}
			try (PreparedStatement statement = connection
				.prepareStatement("SELECT COUNT(*) FROM workflow_run WHERE state = ?")) {
				statement.setString(1, WorkflowState.FAILED.name());
				try (ResultSet rows = statement.executeQuery()) {
					rows.next();
					return new JournalStatistics(inProgress, waiting, due, unregistered, handlerFailing, stalled,
							oldestDue, rows.getLong(1), now);
				}
			}
		});
	}

	/** Lists runs, a page at a time. */
	public List<ListedRun> listRuns(RunQuery query) {
		return this.jdbc.execute("list runs", (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
				query.bind(statement);
				List<ListedRun> runs = new ArrayList<>();
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						runs.add(new ListedRun(rows.getString(1), rows.getString(2),
								WorkflowState.valueOf(rows.getString(3)), rows.getString(4), getInstant(rows, 5),
								getInstant(rows, 6), rows.getString(7), rows.getString(8), rows.getString(9),
								rows.getString(10), rows.getString(11), rows.getString(12), getInstant(rows, 13),
								rows.getString(14)));
					}
				}
				return runs;
			}
		});
	}

	/**
	 * Describes a setting of the database that can lose committed journal entries in a
	 * crash.
	 * @return the warning, or {@code null} if the database keeps what it commits
	 */
	public @Nullable String durabilityWarning() {
		return this.jdbc.execute("check durability settings",
				(connection) -> this.jdbc.dialect(connection).durabilityWarning(connection));
	}

}
