package io.durable.workflow.journal;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.durable.workflow.journal.JournalJdbc.bindAll;
import static io.durable.workflow.journal.JournalJdbc.chunks;
import static io.durable.workflow.journal.JournalJdbc.ids;
import static io.durable.workflow.journal.JournalJdbc.placeholders;
import static io.durable.workflow.journal.JournalJdbc.setInstant;
import static io.durable.workflow.journal.RunStore.IN_PROGRESS;

/**
 * How a node keeps what it holds: the leases of its runs in {@code workflow_run}, renewed
 * together, and, where the database can lock for a node, its liveness
 * ({@link NodeLiveness}).
 *
 * <p>
 * Internal API: it may change in any release.
 */
public final class LeaseStore {

	/**
	 * The unfinished runs a node holds, by owner and {@code IN_PROGRESS}: read through
	 * the index by owner, so that a renewal costs what the node holds, not what the
	 * journal holds (runs sleeping for days included). Package-private for plan checks.
	 */
	static final String HELD_RUNS = "SELECT id FROM workflow_run WHERE owner = ? AND state = ?";

	private final JournalJdbc jdbc;

	LeaseStore(JournalJdbc jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Extends the lease of every unfinished run {@code owner} holds, except those another
	 * transaction has locked: that one is finishing, claiming or canceling the run, or
	 * sending it an event, and waiting for it while holding the other runs' locks could
	 * deadlock with a group commit finishing several of them. The next renewal extends a
	 * lease skipped here.
	 * @return the runs it still holds (those missing were canceled or taken over), and
	 * those of them whose lease it extended
	 */
	public LeaseRenewal renewLeases(String owner, Instant leaseUntil) {
		return this.jdbc.inTransaction("renew leases of " + owner, (connection) -> {
			List<String> extended = new ArrayList<>();
			try (PreparedStatement statement = connection.prepareStatement(HELD_RUNS + " FOR UPDATE SKIP LOCKED")) {
				statement.setString(1, owner);
				statement.setString(2, IN_PROGRESS);
				ids(statement, extended);
			}
			for (List<String> chunk : chunks(extended)) {
				try (PreparedStatement statement = connection.prepareStatement(
						"UPDATE workflow_run SET due_at = ? WHERE id IN (" + placeholders(chunk.size()) + ")")) {
					setInstant(statement, 1, leaseUntil);
					bindAll(statement, 2, chunk);
					statement.executeUpdate();
				}
			}
			try (PreparedStatement statement = connection.prepareStatement(HELD_RUNS)) {
				statement.setString(1, owner);
				statement.setString(2, IN_PROGRESS);
				return new LeaseRenewal(ids(statement, new HashSet<>()), Set.copyOf(extended));
			}
		});
	}

	/** This node's liveness lock, on this journal's database. */
	public NodeLiveness liveness(String nodeId) {
		return new NodeLiveness(this.jdbc.dataSource(), nodeId);
	}

}
