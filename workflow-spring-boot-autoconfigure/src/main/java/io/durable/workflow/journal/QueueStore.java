package io.durable.workflow.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import static io.durable.workflow.journal.JournalJdbc.bindAll;
import static io.durable.workflow.journal.JournalJdbc.catchingDuplicate;
import static io.durable.workflow.journal.JournalJdbc.getInstant;
import static io.durable.workflow.journal.JournalJdbc.placeholders;
import static io.durable.workflow.journal.JournalJdbc.setInstant;

/**
 * The statements of named queues: claims of their runs within their limits, taking turns
 * on the queue's row in {@code workflow_queue} so that the limits hold across nodes, and
 * the runs holding a deduplication id.
 *
 * <p>
 * Internal API: it may change in any release.
 */
public final class QueueStore {

	private static final String IN_PROGRESS = RunStore.IN_PROGRESS;

	private final JournalJdbc jdbc;

	private final String codeVersion;

	QueueStore(JournalJdbc jdbc, String codeVersion) {
		this.jdbc = jdbc;
		this.codeVersion = codeVersion;
	}

	/**
	 * Claims, for {@code owner}, the runs of a queue that its limits let execute now, of
	 * the workflows it knows: first those whose node's lease ran out (its process died,
	 * or lost the database), which keep the places they hold; then the due runs no node
	 * holds, lowest priority first, then in the order they became due, as long as no more
	 * than {@code limits.concurrency()} of the queue's runs (of any workflow) are held in
	 * all and no more begin to execute for the first time than the rate limit leaves in
	 * its window; no more than {@code limit} here. One transaction, holding the queue's
	 * row: claims of the queue on other nodes wait for it.
	 * @param names the workflows {@code owner} knows
	 * @param clock the time, read once the queue's row is held, and again once the runs
	 * holding places are counted: the time a claim records as its runs' start follows
	 * every claim and finish it counted
	 * @param leaseUntil the end of a lease taken at a time
	 * @param limit how many this node may take (its free capacity in the queue)
	 * @return the runs claimed
	 */
	public List<ClaimedRun> claim(String queue, Collection<String> names, QueueLimits limits, String owner,
			Supplier<Instant> clock, UnaryOperator<Instant> leaseUntil, int limit) {
		if (limit <= 0 || names.isEmpty()) {
			return List.of();
		}
		return this.jdbc.inTransaction("claim runs of queue " + queue, (connection) -> {
			lockQueue(connection, queue);
			Instant now = clock.get();
			List<ClaimedRun> claimed = new ArrayList<>();
			try (PreparedStatement statement = connection.prepareStatement("SELECT " + RunStore.CLAIMED_COLUMNS
					+ " FROM workflow_run WHERE queue = ? AND state = ? AND owner IS NOT NULL AND due_at <= ?"
					+ " AND name IN (" + placeholders(names.size()) + ") ORDER BY due_at, id FETCH FIRST ? ROWS ONLY"
					+ " FOR UPDATE SKIP LOCKED")) {
				statement.setString(1, queue);
				statement.setString(2, IN_PROGRESS);
				setInstant(statement, 3, now);
				statement.setInt(bindAll(statement, 4, names), limit);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						claimed.add(RunStore.claimed(rows));
					}
				}
			}
			int slots = limit - claimed.size();
			if (limits.concurrency() != null) {
				slots = Math.min(slots, limits.concurrency() - held(connection, queue));
			}
			int starts = Integer.MAX_VALUE;
			if (limits.rateLimit() != null && limits.ratePeriod() != null) {
				starts = limits.rateLimit() - startedSince(connection, queue, now.minus(limits.ratePeriod()));
			}
			if (slots > 0) {
				claimed.addAll(unheld(connection, queue, names, now, slots, starts));
			}
			Instant claimedAt = clock.get();
			try (PreparedStatement statement = connection.prepareStatement("UPDATE workflow_run SET owner = ?,"
					+ " due_at = ?, stalled = NULL, last_version = ?, started_at = COALESCE(started_at, ?)"
					+ " WHERE id = ?")) {
				for (ClaimedRun run : claimed) {
					statement.setString(1, owner);
					setInstant(statement, 2, leaseUntil.apply(claimedAt));
					statement.setString(3, this.codeVersion);
					setInstant(statement, 4, claimedAt);
					statement.setString(5, run.id());
					statement.addBatch();
				}
				if (!claimed.isEmpty()) {
					statement.executeBatch();
				}
			}
			return claimed;
		});
	}

	/**
	 * Up to {@code slots} due runs of the queue that no node holds, of the given
	 * workflows, those beginning to execute for the first time only as long as
	 * {@code starts} lasts: the rest are skipped, and the next ones looked at, as many as
	 * the slots and as many again. With no starts left, only runs that have begun are
	 * looked at, however many wait before them.
	 */
	private static List<ClaimedRun> unheld(Connection connection, String queue, Collection<String> names, Instant now,
			int slots, int starts) throws SQLException {
		List<ClaimedRun> claimed = new ArrayList<>();
		int left = starts;
		try (PreparedStatement statement = connection.prepareStatement("SELECT " + RunStore.CLAIMED_COLUMNS
				+ ", started_at, forked_from FROM workflow_run WHERE queue = ? AND state = ? AND owner IS NULL"
				+ " AND due_at <= ? AND name IN (" + placeholders(names.size()) + ")"
				+ ((starts <= 0) ? " AND started_at IS NOT NULL" : "")
				+ " ORDER BY priority, due_at, id FETCH FIRST ? ROWS ONLY FOR UPDATE SKIP LOCKED")) {
			statement.setString(1, queue);
			statement.setString(2, IN_PROGRESS);
			setInstant(statement, 3, now);
			statement.setInt(bindAll(statement, 4, names), slots * 2);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next() && claimed.size() < slots) {
					boolean begun = getInstant(rows, 10) != null;
					if (!begun) {
						if (left <= 0) {
							continue;
						}
						left--;
					}
					claimed.add(RunStore.claimed(rows, !begun && rows.getString(11) == null));
				}
			}
		}
		return claimed;
	}

	/** Locks the queue's row, inserting it first if no node has yet. */
	private void lockQueue(Connection connection, String queue) throws SQLException {
		for (int attempt = 0; attempt < 2; attempt++) {
			try (PreparedStatement statement = connection
				.prepareStatement("SELECT name FROM workflow_queue WHERE name = ? FOR UPDATE")) {
				statement.setString(1, queue);
				try (ResultSet rows = statement.executeQuery()) {
					if (rows.next()) {
						return;
					}
				}
			}
			String insert = "INSERT INTO workflow_queue (name) VALUES (?)"
					+ this.jdbc.dialect(connection).skippingDuplicates();
			catchingDuplicate(() -> {
				try (PreparedStatement statement = connection.prepareStatement(insert)) {
					statement.setString(1, queue);
					return statement.executeUpdate() == 1;
				}
			});
		}
		throw new IllegalStateException("Cannot lock the row of queue '" + queue + "' in workflow_queue");
	}

	/**
	 * How many of the queue's runs in progress nodes hold: executing, or waiting to be
	 * taken over from a node that died.
	 */
	private static int held(Connection connection, String queue) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(
				"SELECT COUNT(*) FROM workflow_run WHERE queue = ? AND state = ? AND owner IS NOT NULL")) {
			statement.setString(1, queue);
			statement.setString(2, IN_PROGRESS);
			return count(statement);
		}
	}

	/** How many of the queue's runs began to execute after the given time. */
	private static int startedSince(Connection connection, String queue, Instant since) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT COUNT(*) FROM workflow_run WHERE queue = ? AND started_at > ?")) {
			statement.setString(1, queue);
			setInstant(statement, 2, since);
			return count(statement);
		}
	}

	private static int count(PreparedStatement statement) throws SQLException {
		try (ResultSet rows = statement.executeQuery()) {
			rows.next();
			return rows.getInt(1);
		}
	}

	/** The queue of a run in progress, if it has one. */
	public Optional<String> queueOf(String id) {
		return this.jdbc.execute("read the queue of run " + id, (connection) -> {
			try (PreparedStatement statement = connection
				.prepareStatement("SELECT queue FROM workflow_run WHERE id = ? AND " + RunStore.IN_STATE)) {
				statement.setString(1, id);
				statement.setString(2, IN_PROGRESS);
				try (ResultSet rows = statement.executeQuery()) {
					return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.<String>empty();
				}
			}
		});
	}

	/** The run in progress that holds a deduplication id in a queue, if one does. */
	public Optional<String> holder(String queue, String dedupId) {
		return this.jdbc.execute("find the run holding " + dedupId + " in queue " + queue, (connection) -> {
			try (PreparedStatement statement = connection
				.prepareStatement("SELECT id FROM workflow_run WHERE queue = ? AND dedup_id = ? AND state = ?")) {
				statement.setString(1, queue);
				statement.setString(2, dedupId);
				statement.setString(3, IN_PROGRESS);
				try (ResultSet rows = statement.executeQuery()) {
					return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
				}
			}
		});
	}

	/**
	 * Debounces a start: the run holding the deduplication id in the queue, if it has not
	 * begun to execute, takes the start's arguments and is due only at {@code dueAt}.
	 * @return whether such a run took them
	 */
	public boolean debounce(String queue, String dedupId, String args, Instant dueAt) {
		return this.jdbc.execute("debounce " + dedupId + " in queue " + queue, (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement("UPDATE workflow_run SET args = ?,"
					+ " due_at = ? WHERE queue = ? AND dedup_id = ? AND state = ? AND started_at IS NULL"
					+ " AND owner IS NULL")) {
				statement.setString(1, args);
				setInstant(statement, 2, dueAt);
				statement.setString(3, queue);
				statement.setString(4, dedupId);
				statement.setString(5, IN_PROGRESS);
				return statement.executeUpdate() == 1;
			}
		});
	}

	/**
	 * Counts the runs in progress of each queue that has any, in one query.
	 * @return the counts, by queue
	 */
	public Map<String, QueueCounts> counts(Instant now) {
		return this.jdbc.execute("count the runs of queues", (connection) -> {
			try (PreparedStatement statement = connection
				.prepareStatement("SELECT queue," + " SUM(CASE WHEN owner IS NULL AND due_at <= ? THEN 1 ELSE 0 END),"
						+ " SUM(CASE WHEN owner IS NOT NULL THEN 1 ELSE 0 END), COUNT(*),"
						+ " MIN(CASE WHEN owner IS NULL AND due_at <= ? THEN due_at END) FROM workflow_run"
						+ " WHERE queue IS NOT NULL AND state = ? GROUP BY queue")) {
				setInstant(statement, 1, now);
				setInstant(statement, 2, now);
				statement.setString(3, IN_PROGRESS);
				Map<String, QueueCounts> counts = new LinkedHashMap<>();
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						counts.put(rows.getString(1), new QueueCounts(rows.getLong(2), rows.getLong(3), rows.getLong(4),
								getInstant(rows, 5)));
					}
				}
				return counts;
			}
		});
	}

	/**
	 * The runs in progress of a queue.
	 *
	 * @param depth those due that no node holds: waiting for room in the queue
	 * @param executing those nodes hold: executing, or waiting to be taken over from a
	 * node that died
	 * @param inProgress all of them, those waiting for a time, an event or a child too
	 * @param oldestDue since when the longest-waiting of the due ones has been due, or
	 * {@code null} if none is
	 */
	public record QueueCounts(long depth, long executing, long inProgress, @Nullable Instant oldestDue) {

		/** A queue without runs in progress. */
		public static final QueueCounts NONE = new QueueCounts(0, 0, 0, null);

	}

	/**
	 * The limits of a queue.
	 *
	 * @param concurrency how many of its runs may execute at once across nodes, or
	 * {@code null} for any number
	 * @param rateLimit how many of its runs may begin to execute per period, or
	 * {@code null} for any number
	 * @param ratePeriod the rate limit's period, or {@code null}
	 */
	public record QueueLimits(@Nullable Integer concurrency, @Nullable Integer rateLimit,
			@Nullable Duration ratePeriod) {
	}

}
