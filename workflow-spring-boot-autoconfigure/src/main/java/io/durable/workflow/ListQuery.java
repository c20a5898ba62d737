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
 * {@link #parent}, {@link #startedVersion}, {@link #stalled}) apply to workflows;
 * {@code listSteps} ignores them.
 */
public final class ListQuery {

	/** The largest page size; larger requests are rejected. */
	public static final int MAX_PAGE_SIZE = 1000;

	private final int limit;

	private final boolean descending;

	private final @Nullable String cursor;

	private final @Nullable WorkflowState state;

	private final @Nullable Instant createdFrom;

	private final @Nullable Instant createdBefore;

	private final @Nullable WorkflowId parent;

	private final @Nullable String startedVersion;

	private final boolean stalledOnly;

	private ListQuery(int limit, boolean descending, @Nullable String cursor, @Nullable WorkflowState state,
			@Nullable Instant createdFrom, @Nullable Instant createdBefore, @Nullable WorkflowId parent,
			@Nullable String startedVersion, boolean stalledOnly) {
		if (limit < 1 || limit > MAX_PAGE_SIZE) {
			throw new IllegalArgumentException("Page size must be between 1 and " + MAX_PAGE_SIZE + ", got " + limit);
		}
		this.limit = limit;
		this.descending = descending;
		this.cursor = cursor;
		this.state = state;
		this.createdFrom = createdFrom;
		this.createdBefore = createdBefore;
		this.parent = parent;
		this.startedVersion = startedVersion;
		this.stalledOnly = stalledOnly;
	}

	/**
	 * The first {@code limit} entries, in ascending order.
	 * @param limit the page size, 1 to {@value #MAX_PAGE_SIZE}
	 * @return the query
	 */
	public static ListQuery first(int limit) {
		return new ListQuery(limit, false, null, null, null, null, null, null, false);
	}

	/**
	 * Oldest first (the default).
	 * @return a new query in ascending order
	 */
	public ListQuery ascending() {
		return new ListQuery(this.limit, false, this.cursor, this.state, this.createdFrom, this.createdBefore,
				this.parent, this.startedVersion, this.stalledOnly);
	}

	/**
	 * Newest first.
	 * @return a new query in descending order
	 */
	public ListQuery descending() {
		return new ListQuery(this.limit, true, this.cursor, this.state, this.createdFrom, this.createdBefore,
				this.parent, this.startedVersion, this.stalledOnly);
	}

	/**
	 * Continues after the page that returned this cursor (same order and filters
	 * required).
	 * @param cursor a {@link WorkflowPage#nextCursor()}, or {@code null} for the first
	 * page
	 * @return a new query starting after the cursor
	 */
	public ListQuery after(@Nullable String cursor) {
		return new ListQuery(this.limit, this.descending, cursor, this.state, this.createdFrom, this.createdBefore,
				this.parent, this.startedVersion, this.stalledOnly);
	}

	/**
	 * Only workflows in this state.
	 * @param state the state
	 * @return a new query with the filter
	 */
	public ListQuery state(WorkflowState state) {
		return new ListQuery(this.limit, this.descending, this.cursor, Objects.requireNonNull(state, "state"),
				this.createdFrom, this.createdBefore, this.parent, this.startedVersion, this.stalledOnly);
	}

	/**
	 * Only workflows created at or after this instant.
	 * @param from the earliest creation time
	 * @return a new query with the filter
	 */
	public ListQuery createdFrom(Instant from) {
		return new ListQuery(this.limit, this.descending, this.cursor, this.state, Objects.requireNonNull(from, "from"),
				this.createdBefore, this.parent, this.startedVersion, this.stalledOnly);
	}

	/**
	 * Only workflows created before this instant.
	 * @param before the creation time to stay below
	 * @return a new query with the filter
	 */
	public ListQuery createdBefore(Instant before) {
		return new ListQuery(this.limit, this.descending, this.cursor, this.state, this.createdFrom,
				Objects.requireNonNull(before, "before"), this.parent, this.startedVersion, this.stalledOnly);
	}

	/**
	 * Only the child workflows of this workflow.
	 * @param parent the parent's id
	 * @return a new query with the filter
	 */
	public ListQuery parent(WorkflowId parent) {
		return new ListQuery(this.limit, this.descending, this.cursor, this.state, this.createdFrom, this.createdBefore,
				Objects.requireNonNull(parent, "parent"), this.startedVersion, this.stalledOnly);
	}

	/**
	 * Only workflows started on this version of the application's code
	 * ({@code workflow.code-version}).
	 * @param version the code version
	 * @return a new query with the filter
	 */
	public ListQuery startedVersion(String version) {
		return new ListQuery(this.limit, this.descending, this.cursor, this.state, this.createdFrom, this.createdBefore,
				this.parent, Objects.requireNonNull(version, "version"), this.stalledOnly);
	}

	/**
	 * Only workflows in progress that are parked because their replay diverged from their
	 * journal (see {@link WorkflowStatus.InProgress#stalled()}).
	 * @return a new query with the filter
	 */
	public ListQuery stalled() {
		return new ListQuery(this.limit, this.descending, this.cursor, this.state, this.createdFrom, this.createdBefore,
				this.parent, this.startedVersion, true);
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

	@Override
	public boolean equals(Object other) {
		return other instanceof ListQuery that && this.limit == that.limit && this.descending == that.descending
				&& Objects.equals(this.cursor, that.cursor) && this.state == that.state
				&& Objects.equals(this.createdFrom, that.createdFrom)
				&& Objects.equals(this.createdBefore, that.createdBefore) && Objects.equals(this.parent, that.parent)
				&& Objects.equals(this.startedVersion, that.startedVersion) && this.stalledOnly == that.stalledOnly;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.limit, this.descending, this.cursor, this.state, this.createdFrom, this.createdBefore,
				this.parent, this.startedVersion, this.stalledOnly);
	}

	@Override
	public String toString() {
		return "ListQuery[limit=" + this.limit + ", descending=" + this.descending + ", cursor=" + this.cursor
				+ ", state=" + this.state + ", createdFrom=" + this.createdFrom + ", createdBefore="
				+ this.createdBefore + ", parent=" + this.parent + ", startedVersion=" + this.startedVersion
				+ ", stalledOnly=" + this.stalledOnly + "]";
	}

}
