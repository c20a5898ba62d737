package io.durable.workflow;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a listing.
 *
 * @param <T> the item type
 * @param items the items of this page
 * @param nextCursor the cursor for {@link ListQuery#after(String)} to fetch the next
 * page, or {@code null} if this is the last page
 */
public record WorkflowPage<T>(List<T> items, @Nullable String nextCursor) {

	public WorkflowPage {
		items = List.copyOf(items);
	}

	/**
	 * Whether another page follows.
	 * @return {@code true} if {@link #nextCursor()} is set
	 */
	public boolean hasNext() {
		return this.nextCursor != null;
	}

}
