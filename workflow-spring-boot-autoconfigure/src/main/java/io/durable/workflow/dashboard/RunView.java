package io.durable.workflow.dashboard;

import java.time.Instant;
import java.util.List;

import io.durable.workflow.StepInfo;
import io.durable.workflow.journal.ListedEvent;
import org.jspecify.annotations.Nullable;

/**
 * A run as its dashboard page shows it.
 *
 * @param run the run as listed
 * @param parent its parent's id, or {@code null}
 * @param result its return value as JSON, or {@code null}
 * @param lastVersion the code version that last claimed it, or {@code null}
 * @param deadline when it is canceled unless it has finished, or {@code null}
 * @param forkedFrom the run it was forked from, or {@code null}
 * @param steps its steps, in journal order (at most {@value RunViews#MAX_STEPS})
 * @param children its child workflows as a tree, oldest first (at most
 * {@value RunViews#MAX_DESCENDANTS} in all)
 * @param events the events stored for it, oldest first (at most
 * {@value RunViews#MAX_EVENTS})
 * @param expectations what the events its workflow declares expect as values
 */
public record RunView(RunRow run, @Nullable String parent, @Nullable String result, @Nullable String lastVersion,
		@Nullable Instant deadline, @Nullable String forkedFrom, List<StepInfo> steps, List<Child> children,
		List<ListedEvent> events, List<EventExpectation> expectations) {

	/**
	 * A child workflow, with its own children.
	 *
	 * @param run the child as listed
	 * @param children its children
	 */
	public record Child(RunRow run, List<Child> children) {
	}

}
