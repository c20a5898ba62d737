package io.durable.workflow.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;
import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens, on one connection of its own, for the notifications PostgreSQL sends when a
 * watched run changes (see the {@code workflow_watch} table and its triggers), and hands
 * each run id on. Reconnects after a failure; the changes it may have missed meanwhile
 * are reported as a reconnect.
 */
final class PostgresChangeListener implements AutoCloseable {

	static final String CHANNEL = "workflow_changes";

	private static final Log logger = LogFactory.getLog(PostgresChangeListener.class);

	private static final int WAIT_MILLIS = 500;

	private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

	private final DataSource dataSource;

	private final Consumer<String> changed;

	private final Runnable reconnected;

	private final Thread thread;

	private volatile boolean running = true;

	PostgresChangeListener(DataSource dataSource, Consumer<String> changed, Runnable reconnected) {
		this.dataSource = dataSource;
		this.changed = changed;
		this.reconnected = reconnected;
		this.thread = new Thread(this::listen, "workflow-changes");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void listen() {
		while (this.running) {
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(true);
				try (Statement statement = connection.createStatement()) {
					statement.execute("LISTEN " + CHANNEL);
				}
				this.reconnected.run();
				PGConnection notifications = connection.unwrap(PGConnection.class);
				while (this.running) {
					PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
					for (PGNotification notification : (received != null) ? received : new PGNotification[0]) {
						this.changed.accept(notification.getParameter());
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				if (this.running) {
					logger.warn("Lost the PostgreSQL connection that listens for workflow changes; reconnecting in "
							+ RECONNECT_DELAY, ex);
					pause();
				}
			}
		}
	}

	private void pause() {
		try {
			Thread.sleep(RECONNECT_DELAY.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	@Override
	public void close() {
		this.running = false;
		this.thread.interrupt();
	}

}
