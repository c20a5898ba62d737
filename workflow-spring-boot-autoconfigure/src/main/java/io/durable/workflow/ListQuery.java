package io.durable.workflow;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A page request for the listing methods of {@link WorkflowClient}. Immutable.
 *
 * <pre>{@code
 * WorkflowPage<StepInfo> page = client.listSteps(id, ListQuery.first(50));
 * WorkflowPage<StepInfo> next = client.listSteps(id, ListQuery.first(50).after(page.nextCursor()));
 * }</pre>
 *
 * Pages are addressed by keyset cursors, never offsets, so paging stays stable while new
 * entries are written.
 */
public final class ListQuery {

	/** The largest page size; larger requests are rejected. */
	public static final int MAX_PAGE_SIZE = 1000;

	private final int limit;

	private final boolean descending;

	private final @Nullable String cursor;

	private ListQuery(int limit, boolean descending, @Nullable String cursor) {
		if (limit < 1 || limit > MAX_PAGE_SIZE) {
			throw new IllegalArgumentException(
					"Page size must be between 1 and " + MAX_PAGE_SIZE + ", got " + limit);
		}
		this.limit = limit;
		this.descending = descending;
		this.cursor = cursor;
	}

	/**
	 * The first {@code limit} entries, in ascending order.
	 * @param limit the page size, 1 to {@value #MAX_PAGE_SIZE}
	 * @return the query
	 */
	public static ListQuery first(int limit) {
		return new ListQuery(limit, false, null);
	}

	/**
	 * Oldest first (the default).
	 * @return a new query in ascending order
	 */
	public ListQuery ascending() {
		return new ListQuery(this.limit, false, this.cursor);
	}

	/**
	 * Newest first.
	 * @return a new query in descending order
	 */
	public ListQuery descending() {
		return new ListQuery(this.limit, true, this.cursor);
	}

	/**
	 * Continues after the page that returned this cursor (same order required).
	 * @param cursor a {@link WorkflowPage#nextCursor()}, or {@code null} for the first page
	 * @return a new query starting after the cursor
	 */
	public ListQuery after(@Nullable String cursor) {
		return new ListQuery(this.limit, this.descending, cursor);
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

	@Override
	public boolean equals(Object other) {
		return other instanceof ListQuery that && this.limit == that.limit && this.descending == that.descending
				&& Objects.equals(this.cursor, that.cursor);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.limit, this.descending, this.cursor);
	}

	@Override
	public String toString() {
		return "ListQuery[limit=" + this.limit + ", descending=" + this.descending + ", cursor=" + this.cursor + "]";
	}

}
