package io.durable.workflow;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a workflow run's state, from {@link WorkflowClient#status(WorkflowId)}.
 * Switch over the four cases:
 *
 * <pre>{@code
 * switch (client.status(id)) {
 *   case WorkflowStatus.InProgress p -> ...
 *   case WorkflowStatus.Completed c -> c.value()
 *   case WorkflowStatus.Failed f -> f.error()
 *   case WorkflowStatus.Canceled c -> c.reason()
 * }
 * }</pre>
 */
public sealed interface WorkflowStatus {

	/**
	 * The run's state.
	 * @return the state
	 */
	WorkflowState state();

	/**
	 * The run has not finished.
	 *
	 * @param running the steps running right now on this node (empty while the run is
	 * queued, waiting, or running on another node)
	 * @param children the ids of active child workflows
	 * @param stalled why the run cannot make progress, if it cannot: its replay diverged
	 * from its journal (it is parked until a node whose code replays it claims it), its
	 * workflow is registered by no node that claims it, or its completion handler keeps
	 * failing
	 * @param pendingEvents the events sent to the run that no wait has received yet,
	 * their count by name: each wait receives one, in the order they were sent; those
	 * left when the run finishes are deleted with it
	 */
	record InProgress(List<StepInfo> running, List<WorkflowId> children, Optional<String> stalled,
			Map<String, Long> pendingEvents) implements WorkflowStatus {

		public InProgress {
			running = List.copyOf(running);
			children = List.copyOf(children);
			Objects.requireNonNull(stalled, "stalled");
			pendingEvents = Map.copyOf(pendingEvents);
		}

		@Override
		public WorkflowState state() {
			return WorkflowState.IN_PROGRESS;
		}

	}

	/**
	 * The run returned normally.
	 *
	 * @param value the return value, read with the workflow method's return type (a
	 * Jackson tree if the workflow is no longer registered in this application);
	 * {@code null} for {@code void} workflows
	 */
	record Completed(@Nullable Object value) implements WorkflowStatus {

		@Override
		public WorkflowState state() {
			return WorkflowState.COMPLETED;
		}

	}

	/**
	 * The run failed.
	 *
	 * @param error the error: the exception's type and message
	 */
	record Failed(String error) implements WorkflowStatus {

		@Override
		public WorkflowState state() {
			return WorkflowState.FAILED;
		}

	}

	/**
	 * The run was canceled.
	 *
	 * @param reason why the engine canceled it (its deadline passed), empty if it was
	 * canceled by a call or with its parent
	 */
	record Canceled(Optional<String> reason) implements WorkflowStatus {

		public Canceled {
			Objects.requireNonNull(reason, "reason");
		}

		@Override
		public WorkflowState state() {
			return WorkflowState.CANCELED;
		}

	}

}
