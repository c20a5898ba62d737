package io.durable.workflow.journal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a listing of runs, as SQL: filters by name, id prefix, state, parent and
 * creation time, a keyset bound ({@code (created_at, id)} after the last row of the
 * previous page) and a limit. Each filter but the id prefix has an index that serves it
 * in creation order.
 *
 * <p>
 * Internal API: it may change in any release.
 *
 * @param name only runs of this workflow, or {@code null}
 * @param idPrefix only runs whose id starts with this, or {@code null}
 * @param state only runs in this state, or {@code null}
 * @param parentId only children of this run, or {@code null}
 * @param startedVersion only runs started on this code version, or {@code null}
 * @param stalled only runs parked because their replay diverged
 * @param createdFrom only runs created at or after this, or {@code null}
 * @param createdBefore only runs created before this, or {@code null}
 * @param afterCreated the keyset bound's creation time, or {@code null} for the first
 * page
 * @param afterId the keyset bound's id
 * @param descending newest first
 * @param limit how many rows at most
 */
public record RunQuery(@Nullable String name, @Nullable String idPrefix, @Nullable String state,
		@Nullable String parentId, @Nullable String startedVersion, boolean stalled, @Nullable Instant createdFrom,
		@Nullable Instant createdBefore, @Nullable Instant afterCreated, @Nullable String afterId, boolean descending,
		int limit) {

	/** The query's SQL; {@link #bind} sets its parameters. */
	public String sql() {
		List<String> conditions = new ArrayList<>();
		if (this.name != null) {
			conditions.add("name = ?");
		}
		if (this.idPrefix != null) {
			conditions.add("id LIKE ? ESCAPE '!'");
		}
		if (this.state != null) {
			conditions.add("state = ?");
		}
		if (this.parentId != null) {
			conditions.add("parent_id = ?");
		}
		if (this.startedVersion != null) {
			conditions.add("started_version = ?");
		}
		if (this.stalled) {
			conditions.add("stalled IS NOT NULL");
		}
		if (this.createdFrom != null) {
			conditions.add("created_at >= ?");
		}
		if (this.createdBefore != null) {
			conditions.add("created_at < ?");
		}
		if (this.afterCreated != null) {
			conditions.add("(created_at, id) " + (this.descending ? "<" : ">") + " (?, ?)");
		}
		String order = this.descending ? " DESC" : "";
		return "SELECT id, name, state, parent_id, created_at, finished_at, result, error, handler_error,"
				+ " stalled, started_version, last_version, deadline_at, forked_from FROM workflow_run"
				+ (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions)) + " ORDER BY created_at"
				+ order + ", id" + order + " FETCH FIRST ? ROWS ONLY";
	}

	/** Sets the parameters of {@link #sql()}. */
	public void bind(PreparedStatement statement) throws SQLException {
		int index = 1;
		if (this.name != null) {
			statement.setString(index++, this.name);
		}
		if (this.idPrefix != null) {
			statement.setString(index++, this.idPrefix.replaceAll("[!%_]", "!$0") + "%");
		}
		if (this.state != null) {
			statement.setString(index++, this.state);
		}
		if (this.parentId != null) {
			statement.setString(index++, this.parentId);
		}
		if (this.startedVersion != null) {
			statement.setString(index++, this.startedVersion);
		}
		if (this.createdFrom != null) {
			statement.setObject(index++, OffsetDateTime.ofInstant(this.createdFrom, ZoneOffset.UTC));
		}
		if (this.createdBefore != null) {
			statement.setObject(index++, OffsetDateTime.ofInstant(this.createdBefore, ZoneOffset.UTC));
		}
		if (this.afterCreated != null) {
			statement.setObject(index++, OffsetDateTime.ofInstant(this.afterCreated, ZoneOffset.UTC));
			statement.setString(index++, this.afterId);
		}
		statement.setInt(index, this.limit);
	}

}
