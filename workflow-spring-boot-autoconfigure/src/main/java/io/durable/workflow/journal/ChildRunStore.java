package io.durable.workflow.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.durable.workflow.WorkflowState;

import static io.durable.workflow.journal.RunStore.IN_PROGRESS;
import static io.durable.workflow.journal.RunStore.IN_STATE;

/**
 * The statements of {@code workflow_run} across a parent and its child workflows: the
 * children in progress, a parent's look at one child, and the cancel of a run's
 * descendants.
 *
 * <p>
 * Internal API: it may change in any release.
 */
public final class ChildRunStore {

	/**
	 * A run's children in a state, by parent id and state, in creation order;
	 * package-private for plan checks.
	 */
	static final String CHILDREN_IN_STATE = "SELECT id, name FROM workflow_run WHERE parent_id = ? AND " + IN_STATE
			+ " ORDER BY created_at, id";

	private final JournalJdbc jdbc;

	ChildRunStore(JournalJdbc jdbc) {
		this.jdbc = jdbc;
	}

	/** The ids of a run's child workflows in progress. */
	public List<String> activeChildren(String parentId) {
		return this.jdbc.execute("find the children of " + parentId,
				(connection) -> List.copyOf(activeChildren(connection, parentId).keySet()));
	}

	/**
	 * The workflow names of a run's child workflows in progress, by id, in creation
	 * order.
	 */
	private static Map<String, String> activeChildren(Connection connection, String parentId) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(CHILDREN_IN_STATE)) {
			statement.setString(1, parentId);
			statement.setString(2, IN_PROGRESS);
			Map<String, String> children = new LinkedHashMap<>();
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					children.put(rows.getString(1), rows.getString(2));
				}
			}
			return children;
		}
	}

	/** Looks at a child workflow for its waiting parent: see {@link ChildRecord}. */
	public ChildRecord lookAtChild(String parentId, String childId) {
		return this.jdbc.execute("look at child " + childId, (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement("SELECT p.signals, c.state, c.result,"
					+ " c.error FROM workflow_run p LEFT JOIN workflow_run c ON c.id = ? WHERE p.id = ?")) {
				statement.setString(1, childId);
				statement.setString(2, parentId);
				try (ResultSet rows = statement.executeQuery()) {
					if (!rows.next()) {
						throw new IllegalStateException("Workflow run '" + parentId + "' is not stored");
					}
					String state = rows.getString(2);
					return new ChildRecord(rows.getLong(1), (state != null) ? WorkflowState.valueOf(state) : null,
							rows.getString(3), rows.getString(4));
				}
			}
		});
	}

	/**
	 * Cancels a run's child workflows in progress, and theirs, in one transaction (the
	 * current one, if any). A finished child has no child in progress: its own were
	 * canceled when it finished.
	 * @return the names of the workflows of the runs canceled, by run id, parents before
	 * children
	 */
	public Map<String, String> cancelChildren(String parentId, Instant now) {
		return this.jdbc.inTransaction("cancel the children of " + parentId, (connection) -> {
			Map<String, String> canceled = new LinkedHashMap<>();
			List<String> parents = List.of(parentId);
			while (!parents.isEmpty()) {
				List<String> children = new ArrayList<>();
				for (String parent : parents) {
					for (Map.Entry<String, String> child : activeChildren(connection, parent).entrySet()) {
						if (RunStore.cancel(connection, child.getKey(), now, null)) {
							children.add(child.getKey());
							canceled.put(child.getKey(), child.getValue());
						}
					}
				}
				parents = children;
			}
			return canceled;
		});
	}

}
