package io.durable.workflow.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import static io.durable.workflow.journal.JournalJdbc.getInstant;
import static io.durable.workflow.journal.JournalJdbc.setInstant;
import static io.durable.workflow.journal.JournalJdbc.setText;

/**
 * The statements of {@code workflow_event}: events stored for runs, sent, counted while
 * pending, and consumed by the waits that receive them.
 */
public final class EventStore {

	private final JournalJdbc jdbc;

	EventStore(JournalJdbc jdbc) {
		this.jdbc = jdbc;
	}

	/** Stores an event. */
	public void insert(EventRecord event, Instant now) {
		this.jdbc.execute("store event " + event.id(), (connection) -> {
			try (PreparedStatement statement = connection
				.prepareStatement("INSERT INTO workflow_event (id, run_id, name,"
						+ " by_id, state, payload, error, created_at, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
				statement.setString(1, event.id());
				statement.setString(2, event.runId());
				statement.setString(3, event.name());
				statement.setBoolean(4, event.byId());
				statement.setString(5, event.state());
				setText(statement, 6, event.value());
				setText(statement, 7, event.error());
				setInstant(statement, 8, now);
				setInstant(statement, 9, EventRecord.SENT.equals(event.state()) ? now : null);
				return statement.executeUpdate();
			}
		});
	}

	/** Reads an event by its id. */
	public Optional<EventRecord> find(String id) {
		return this.jdbc.execute("read event " + id, (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(
					"SELECT id, run_id, name, by_id, state, payload, error FROM workflow_event WHERE id = ?")) {
				statement.setString(1, id);
				try (ResultSet rows = statement.executeQuery()) {
					return rows.next() ? Optional.of(event(rows)) : Optional.empty();
				}
			}
		});
	}

	/**
	 * Sends an event created earlier.
	 * @return {@code false} if it is not waiting to be sent (sent already)
	 */
	public boolean sendCreated(String id, @Nullable String value, @Nullable String error, Instant now) {
		return this.jdbc.execute("send event " + id, (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement("UPDATE workflow_event SET state = ?,"
					+ " payload = ?, error = ?, sent_at = ? WHERE id = ? AND state = ?")) {
				statement.setString(1, EventRecord.SENT);
				setText(statement, 2, value);
				setText(statement, 3, error);
				setInstant(statement, 4, now);
				statement.setString(5, id);
				statement.setString(6, EventRecord.CREATED);
				return statement.executeUpdate() == 1;
			}
		});
	}

	/**
	 * The events sent to a run that no wait has received yet: their count by name,
	 * through the pending index.
	 */
	public Map<String, Long> pending(String runId) {
		return this.jdbc.execute("count the pending events of run " + runId, (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(
					"SELECT name, COUNT(*) FROM workflow_event WHERE run_id = ? AND state = ? GROUP BY name ORDER BY name")) {
				statement.setString(1, runId);
				statement.setString(2, EventRecord.SENT);
				Map<String, Long> pending = new LinkedHashMap<>();
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						pending.put(rows.getString(1), rows.getLong(2));
					}
				}
				return pending;
			}
		});
	}

	/**
	 * The events of a run, oldest first.
	 * @param limit the most to read
	 */
	public List<ListedEvent> list(String runId, int limit) {
		return this.jdbc.execute("list the events of run " + runId, (connection) -> {
			try (PreparedStatement statement = connection
				.prepareStatement("SELECT name, by_id, state, created_at, sent_at, consumed_at, error"
						+ " FROM workflow_event WHERE run_id = ? ORDER BY ordinal")) {
				statement.setString(1, runId);
				statement.setMaxRows(limit);
				List<ListedEvent> events = new ArrayList<>();
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						events.add(new ListedEvent(rows.getString(1), rows.getBoolean(2), rows.getString(3),
								getInstant(rows, 4), getInstant(rows, 5), getInstant(rows, 6), rows.getString(7)));
					}
				}
				return events;
			}
		});
	}

	/**
	 * Consumes the first event sent to a run, by name (only events sent by name) or by
	 * id, if one is there. Run it in the transaction that journals what the wait
	 * received.
	 * @param eventId the id to take, or {@code null} to take the oldest of that name
	 * @return the consumed event, or {@code null} if none has been sent
	 */
	public @Nullable EventRecord take(String runId, String name, @Nullable String eventId, Instant now) {
		return this.jdbc.execute("take event " + name + " of " + runId, (connection) -> {
			EventRecord event;
			String select = "SELECT id, run_id, name, by_id, state, payload, error FROM workflow_event WHERE "
					+ ((eventId != null) ? "id = ? AND run_id = ? AND state = ?"
							: "run_id = ? AND name = ? AND state = ? AND by_id = FALSE ORDER BY ordinal FETCH FIRST 1 ROWS ONLY")
					+ " FOR UPDATE";
			try (PreparedStatement statement = connection.prepareStatement(select)) {
				statement.setString(1, (eventId != null) ? eventId : runId);
				statement.setString(2, (eventId != null) ? runId : name);
				statement.setString(3, EventRecord.SENT);
				try (ResultSet rows = statement.executeQuery()) {
					event = rows.next() ? event(rows) : null;
				}
			}
			if (event == null) {
				return null;
			}
			try (PreparedStatement statement = connection
				.prepareStatement("UPDATE workflow_event SET state = ?, consumed_at = ? WHERE id = ? AND state = ?")) {
				statement.setString(1, EventRecord.CONSUMED);
				setInstant(statement, 2, now);
				statement.setString(3, event.id());
				statement.setString(4, EventRecord.SENT);
				return (statement.executeUpdate() == 1) ? event : null;
			}
		});
	}

	private static EventRecord event(ResultSet rows) throws SQLException {
		return new EventRecord(rows.getString(1), rows.getString(2), rows.getString(3), rows.getBoolean(4),
				rows.getString(5), rows.getString(6), rows.getString(7));
	}

}
