package io.durable.workflow;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A page request for the listing methods of {@link WorkflowClient}. Immutable: every
 * method returns a new query.
 *
 * <pre>{@code
 * WorkflowPage<WorkflowSummary> page = client.list(ListQuery.first(50).descending().state(WorkflowState.FAILED));
 * WorkflowPage<WorkflowSummary> next = client.list(ListQuery.first(50).descending()
 *     .state(WorkflowState.FAILED).after(page.nextCursor()));
 * }</pre>
 *
 * Pages are addressed by keyset cursors, never offsets, so paging stays stable while new
 * entries are written. Workflows are ordered by creation time (then id), steps by
 * position. The filters ({@link #state}, {@link #createdFrom}, {@link #createdBefore},
 * {@link #parent}, {@link #startedVersion}, {@link #stalled}, {@link #idPrefix}) apply to
 * workflows; {@code listSteps} ignores them.
 */
public final class ListQuery {

	/** The largest page size; larger requests are rejected. */
	public static final int MAX_PAGE_SIZE = 1000;

	private final int limit;

	private boolean descending;

	private @Nullable String cursor;

	private @Nullable WorkflowState state;

	private @Nullable Instant createdFrom;

	private @Nullable Instant createdBefore;

	private @Nullable WorkflowId parent;

	private @Nullable String startedVersion;

	private boolean stalledOnly;

	private @Nullable String idPrefix;

	private ListQuery(int limit) {
		if (limit < 1 || limit > MAX_PAGE_SIZE) {
			throw new IllegalArgumentException("Page size must be between 1 and " + MAX_PAGE_SIZE + ", got " + limit);
		}
		this.limit = limit;
	}

	/**
	 * A copy to change before it is returned: queries are never changed once returned.
	 */
	private ListQuery copy() {
		ListQuery copy = new ListQuery(this.limit);
		copy.descending = this.descending;
		copy.cursor = this.cursor;
		copy.state = this.state;
		copy.createdFrom = this.createdFrom;
		copy.createdBefore = this.createdBefore;
		copy.parent = this.parent;
		copy.startedVersion = this.startedVersion;
		copy.stalledOnly = this.stalledOnly;
		copy.idPrefix = this.idPrefix;
		return copy;
	}

	/**
	 * The first {@code limit} entries, in ascending order.
	 * @param limit the page size, 1 to {@value #MAX_PAGE_SIZE}
	 * @return the query
	 */
	public static ListQuery first(int limit) {
		return new ListQuery(limit);
	}

	/**
	 * Oldest first (the default).
	 * @return a new query in ascending order
	 */
	public ListQuery ascending() {
		ListQuery query = copy();
		query.descending = false;
		return query;
	}

	/**
	 * Newest first.
	 * @return a new query in descending order
	 */
	public ListQuery descending() {
		ListQuery query = copy();
		query.descending = true;
		return query;
	}

	/**
	 * Continues after the page that returned this cursor (same order and filters
	 * required).
	 * @param cursor a {@link WorkflowPage#nextCursor()}, or {@code null} for the first
	 * page
	 * @return a new query starting after the cursor
	 */
	public ListQuery after(@Nullable String cursor) {
		ListQuery query = copy();
		query.cursor = cursor;
		return query;
	}

	/**
	 * Only workflows in this state.
	 * @param state the state
	 * @return a new query with the filter
	 */
	public ListQuery state(WorkflowState state) {
		ListQuery query = copy();
		query.state = Objects.requireNonNull(state, "state");
		return query;
	}

	/**
	 * Only workflows created at or after this instant.
	 * @param from the earliest creation time
	 * @return a new query with the filter
	 */
	public ListQuery createdFrom(Instant from) {
		ListQuery query = copy();
		query.createdFrom = Objects.requireNonNull(from, "from");
		return query;
	}

	/**
	 * Only workflows created before this instant.
	 * @param before the creation time to stay below
	 * @return a new query with the filter
	 */
	public ListQuery createdBefore(Instant before) {
		ListQuery query = copy();
		query.createdBefore = Objects.requireNonNull(before, "before");
		return query;
	}

	/**
	 * Only the child workflows of this workflow.
	 * @param parent the parent's id
	 * @return a new query with the filter
	 */
	public ListQuery parent(WorkflowId parent) {
		ListQuery query = copy();
		query.parent = Objects.requireNonNull(parent, "parent");
		return query;
	}

	/**
	 * Only workflows started on this version of the application's code
	 * ({@code workflow.code-version}).
	 * @param version the code version
	 * @return a new query with the filter
	 */
	public ListQuery startedVersion(String version) {
		ListQuery query = copy();
		query.startedVersion = Objects.requireNonNull(version, "version");
		return query;
	}

	/**
	 * Only workflows in progress that are parked because their replay diverged from their
	 * journal (see {@link WorkflowStatus.InProgress#stalled()}).
	 * @return a new query with the filter
	 */
	public ListQuery stalled() {
		ListQuery query = copy();
		query.stalledOnly = true;
		return query;
	}

	/**
	 * Only workflows whose id starts with this text (the whole id matches too). Unlike
	 * the other filters, no index serves it: on a large journal, combine it with another
	 * filter or expect it to read every run.
	 * @param prefix the start of the ids, not empty
	 * @return a new query with the filter
	 */
	public ListQuery idPrefix(String prefix) {
		if (Objects.requireNonNull(prefix, "prefix").isEmpty()) {
			throw new IllegalArgumentException("An id prefix must not be empty");
		}
		ListQuery query = copy();
		query.idPrefix = prefix;
		return query;
	}

	/**
	 * The page size.
	 * @return the maximum number of items returned
	 */
	public int limit() {
		return this.limit;
	}

	/**
	 * Whether the newest entries come first.
	 * @return {@code true} for descending order
	 */
	public boolean isDescending() {
		return this.descending;
	}

	/**
	 * The cursor to continue after.
	 * @return the cursor, or {@code null} for the first page
	 */
	public @Nullable String cursor() {
		return this.cursor;
	}

	/**
	 * The state filter.
	 * @return the state to list, or {@code null} for all
	 */
	public @Nullable WorkflowState stateFilter() {
		return this.state;
	}

	/**
	 * The earliest creation time listed.
	 * @return the instant, or {@code null} for no bound
	 */
	public @Nullable Instant createdFromFilter() {
		return this.createdFrom;
	}

	/**
	 * The creation time listed workflows stay below.
	 * @return the instant, or {@code null} for no bound
	 */
	public @Nullable Instant createdBeforeFilter() {
		return this.createdBefore;
	}

	/**
	 * The parent filter.
	 * @return the parent whose children to list, or {@code null} for all
	 */
	public @Nullable WorkflowId parentFilter() {
		return this.parent;
	}

	/**
	 * The code version filter.
	 * @return the version the listed workflows started on, or {@code null} for all
	 */
	public @Nullable String startedVersionFilter() {
		return this.startedVersion;
	}

	/**
	 * The stalled filter.
	 * @return whether only parked workflows are listed
	 */
	public boolean isStalledOnly() {
		return this.stalledOnly;
	}

	/**
	 * The id prefix filter.
	 * @return the start of the listed workflows' ids, or {@code null} for all
	 */
	public @Nullable String idPrefixFilter() {
		return this.idPrefix;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ListQuery that && this.limit == that.limit && this.descending == that.descending
				&& Objects.equals(this.cursor, that.cursor) && this.state == that.state
				&& Objects.equals(this.createdFrom, that.createdFrom)
				&& Objects.equals(this.createdBefore, that.createdBefore) && Objects.equals(this.parent, that.parent)
				&& Objects.equals(this.startedVersion, that.startedVersion) && this.stalledOnly == that.stalledOnly
				&& Objects.equals(this.idPrefix, that.idPrefix);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.limit, this.descending, this.cursor, this.state, this.createdFrom, this.createdBefore,
				this.parent, this.startedVersion, this.stalledOnly, this.idPrefix);
	}

	@Override
	public String toString() {
		return "ListQuery[limit=" + this.limit + ", descending=" + this.descending + ", cursor=" + this.cursor
				+ ", state=" + this.state + ", createdFrom=" + this.createdFrom + ", createdBefore="
				+ this.createdBefore + ", parent=" + this.parent + ", startedVersion=" + this.startedVersion
				+ ", stalledOnly=" + this.stalledOnly + ", idPrefix=" + this.idPrefix + "]";
	}

}
