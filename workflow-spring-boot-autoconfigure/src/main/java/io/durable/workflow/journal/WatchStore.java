package io.durable.workflow.journal;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.function.Consumer;

import static io.durable.workflow.journal.JournalJdbc.setInstant;

/**
 * The statements of {@code workflow_watch}, the runs whose live status a node streams,
 * and the listener for their changes (PostgreSQL announces them; elsewhere watchers
 * poll).
 */
public final class WatchStore {

	private final JournalJdbc jdbc;

	WatchStore(JournalJdbc jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Whether this database announces the changes of watched runs itself (PostgreSQL:
	 * triggers send a notification for each run in {@code workflow_watch}); on other
	 * databases watchers poll.
	 */
	public boolean announcesChanges() {
		return this.jdbc.dialect().announcesChanges();
	}

	/**
	 * Watches a run for {@code node} until the given time, and forgets expired watches of
	 * any node.
	 */
	public void watch(String runId, String node, Instant until, Instant now) {
		this.jdbc.inTransaction("watch run " + runId, (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement("INSERT INTO workflow_watch (run_id, node,"
					+ " until) VALUES (?, ?, ?) ON CONFLICT (run_id, node) DO UPDATE SET until = EXCLUDED.until")) {
				statement.setString(1, runId);
				statement.setString(2, node);
				setInstant(statement, 3, until);
				statement.executeUpdate();
			}
			try (PreparedStatement statement = connection
				.prepareStatement("DELETE FROM workflow_watch WHERE until < ?")) {
				setInstant(statement, 1, now);
				return statement.executeUpdate();
			}
		});
	}

	/** Stops watching a run for {@code node}. */
	public void unwatch(String runId, String node) {
		this.jdbc.execute("stop watching run " + runId, (connection) -> {
			try (PreparedStatement statement = connection
				.prepareStatement("DELETE FROM workflow_watch WHERE run_id = ? AND node = ?")) {
				statement.setString(1, runId);
				statement.setString(2, node);
				return statement.executeUpdate();
			}
		});
	}

	/** Extends every watch of {@code node} until the given time. */
	public void renew(String node, Instant until) {
		this.jdbc.execute("renew the watches of " + node, (connection) -> {
			try (PreparedStatement statement = connection
				.prepareStatement("UPDATE workflow_watch SET until = ? WHERE node = ?")) {
				setInstant(statement, 1, until);
				statement.setString(2, node);
				return statement.executeUpdate();
			}
		});
	}

	/**
	 * Listens, on a connection of its own, for the changes of watched runs, where the
	 * database {@linkplain #announcesChanges() announces them}.
	 * @param changed takes the id of each run that changed
	 * @param reconnected runs on every (re)connection: changes may have been missed
	 * before it
	 * @return closes the listener
	 */
	public AutoCloseable listen(Consumer<String> changed, Runnable reconnected) {
		return this.jdbc.dialect().listenForChanges(this.jdbc.dataSource(), changed, reconnected);
	}

}
