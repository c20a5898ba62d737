package io.durable.workflow.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Tells, on PostgreSQL, which nodes' processes have died, without waiting for their
 * leases: each node holds a session advisory lock on a connection of its own while it
 * lives, and a process that dies loses its connections, and so its lock, at once. A node
 * announces itself in {@code workflow_node} only once it holds its lock. Elsewhere (H2)
 * it does nothing: leases alone tell.
 *
 * <p>
 * Internal API: it may change in any release.
 */
public final class NodeLiveness implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(NodeLiveness.class);

	/**
	 * The first key of the advisory locks, "wkfl": the second is the node's
	 * {@code lock_key}.
	 */
	static final int LIVENESS_LOCK = 0x776b666c;

	private static final String DEAD_NODES = "SELECT n.node_id FROM workflow_node n WHERE n.node_id <> ?"
			+ " AND NOT EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted"
			+ " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
			+ " AND l.classid::bigint = ? AND l.objid::bigint = n.lock_key AND l.objsubid = 2)";

	private final DataSource dataSource;

	private final String nodeId;

	private final int lockKey;

	private @Nullable Connection connection;

	private @Nullable Instant heldSince;

	/** Not PostgreSQL: nothing to hold. */
	private boolean unsupported;

	public NodeLiveness(DataSource dataSource, String nodeId) {
		this.dataSource = dataSource;
		this.nodeId = nodeId;
		this.lockKey = nodeId.hashCode() & Integer.MAX_VALUE;
	}

	/**
	 * Takes this node's lock and announces the node, on PostgreSQL, if it does not hold
	 * it already on a connection that still works.
	 * @param now the time it is taken at, on the engine's clock
	 * @return whether this node holds its lock now (always {@code false} elsewhere)
	 */
	public synchronized boolean hold(Instant now) {
		if (this.unsupported) {
			return false;
		}
		Connection current = this.connection;
		try {
			if (current != null && current.isValid(1)) {
				return true;
			}
		}
		catch (SQLException ex) {
			// Treated as lost.
		}
		release();
		try {
			Connection candidate = this.dataSource.getConnection();
			if (!SqlDialect.of(candidate).locksNodes()) {
				this.unsupported = true;
				candidate.close();
				return false;
			}
			if (!lock(candidate, "pg_try_advisory_lock")) {
				logger.warn("Another session holds the liveness lock of node '" + this.nodeId + "' (two nodes with one"
						+ " node id, or the same lock key): other nodes take its runs over after their leases");
				candidate.close();
				return false;
			}
			this.connection = candidate;
			candidate.setAutoCommit(true);
			try (PreparedStatement statement = candidate.prepareStatement("INSERT INTO workflow_node (node_id,"
					+ " lock_key, started_at) VALUES (?, ?, ?) ON CONFLICT (node_id) DO UPDATE SET lock_key ="
					+ " EXCLUDED.lock_key, started_at = EXCLUDED.started_at")) {
				statement.setString(1, this.nodeId);
				statement.setInt(2, this.lockKey);
				JournalJdbc.setInstant(statement, 3, now);
				statement.executeUpdate();
			}
			this.heldSince = now;
			return true;
		}
		catch (SQLException ex) {
			logger.debug("Cannot take the liveness lock of node '" + this.nodeId + "'", ex);
			release();
			return false;
		}
	}

	/**
	 * Since when this node has held its lock without a break, or {@code null} if it does
	 * not.
	 */
	public synchronized @Nullable Instant heldSince() {
		return this.heldSince;
	}

	/**
	 * Finds the nodes announced whose lock is gone, makes their runs due now, and forgets
	 * them.
	 * @param now the time their runs become due at
	 * @return the nodes taken over
	 */
	public synchronized List<String> takeOverDeadNodes(Instant now) {
		Connection current = this.connection;
		if (current == null) {
			return List.of();
		}
		List<String> dead = new ArrayList<>();
		try {
			try (PreparedStatement statement = current.prepareStatement(DEAD_NODES)) {
				statement.setString(1, this.nodeId);
				statement.setInt(2, LIVENESS_LOCK);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						dead.add(rows.getString(1));
					}
				}
			}
			for (String node : dead) {
				try (PreparedStatement statement = current.prepareStatement("UPDATE workflow_run SET due_at = ?"
						+ " WHERE owner = ? AND state = 'IN_PROGRESS' AND due_at > ?")) {
					JournalJdbc.setInstant(statement, 1, now);
					statement.setString(2, node);
					JournalJdbc.setInstant(statement, 3, now);
					int runs = statement.executeUpdate();
					logger.info("The process of node '" + node + "' has died: its " + runs
							+ " workflow runs are due now, without waiting for their leases");
				}
				try (PreparedStatement statement = current
					.prepareStatement("DELETE FROM workflow_node WHERE node_id = ?")) {
					statement.setString(1, node);
					statement.executeUpdate();
				}
			}
			return dead;
		}
		catch (SQLException ex) {
			logger.debug("Cannot look for nodes that died", ex);
			return List.of();
		}
	}

	/**
	 * Makes the runs this node owns due now, but for those it still runs: after it lost
	 * its lock, it stopped them, and they need not wait for their leases.
	 * @param now the time they become due at
	 * @param running the runs this node still runs
	 * @return whether it did
	 */
	public synchronized boolean makeOwnRunsDue(Instant now, Set<String> running) {
		Connection current = this.connection;
		if (current == null) {
			return false;
		}
		try (PreparedStatement statement = current.prepareStatement("UPDATE workflow_run SET due_at = ?"
				+ " WHERE owner = ? AND state = 'IN_PROGRESS' AND due_at > ? AND id <> ALL (?)")) {
			JournalJdbc.setInstant(statement, 1, now);
			statement.setString(2, this.nodeId);
			JournalJdbc.setInstant(statement, 3, now);
			statement.setArray(4, current.createArrayOf("varchar", running.toArray()));
			int runs = statement.executeUpdate();
			logger.info("Node '" + this.nodeId + "' holds its liveness lock again: the " + runs
					+ " workflow runs it stopped are due now");
			return true;
		}
		catch (SQLException ex) {
			logger.debug("Cannot make the runs of node '" + this.nodeId + "' due", ex);
			return false;
		}
	}

	/** Withdraws this node's announcement and lets its lock go: it stops cleanly. */
	@Override
	public synchronized void close() {
		Connection current = this.connection;
		if (current != null) {
			try (PreparedStatement statement = current
				.prepareStatement("DELETE FROM workflow_node WHERE node_id = ?")) {
				statement.setString(1, this.nodeId);
				statement.executeUpdate();
			}
			catch (SQLException ex) {
				logger.debug("Cannot withdraw node '" + this.nodeId + "'", ex);
			}
		}
		release();
	}

	private boolean lock(Connection candidate, String function) throws SQLException {
		try (PreparedStatement statement = candidate.prepareStatement("SELECT " + function + "(?, ?)")) {
			statement.setInt(1, LIVENESS_LOCK);
			statement.setInt(2, this.lockKey);
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() && rows.getBoolean(1);
			}
		}
	}

	/**
	 * Lets the lock go, then gives the connection back: a pooled connection keeps its
	 * session, and so its locks, for the next borrower (a broken one is dropped, and its
	 * lock with it).
	 */
	private void release() {
		Connection current = this.connection;
		this.connection = null;
		this.heldSince = null;
		if (current != null) {
			try {
				if (current.isValid(1)) {
					lock(current, "pg_advisory_unlock");
				}
				current.close();
			}
			catch (SQLException ex) {
				logger.debug("Cannot close the liveness connection of node '" + this.nodeId + "'", ex);
			}
		}
	}

}
