package io.durable.workflow.engine.execution;

import io.durable.workflow.WorkflowCompletion;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.engine.definition.PayloadCodec;
import io.durable.workflow.engine.dispatch.RunOutcome;
import org.jspecify.annotations.Nullable;

/**
 * A finished run, as its completion handler sees it; values are read from their JSON on
 * request.
 */
final class Completion implements WorkflowCompletion {

	private final WorkflowId id;

	private final RunOutcome outcome;

	private final @Nullable String context;

	private final PayloadCodec codec;

	Completion(String id, RunOutcome outcome, @Nullable String context, PayloadCodec codec) {
		this.id = WorkflowId.of(id);
		this.outcome = outcome;
		this.context = context;
		this.codec = codec;
	}

	@Override
	public WorkflowId workflowId() {
		return this.id;
	}

	@Override
	public WorkflowState state() {
		return this.outcome.state();
	}

	@Override
	public <T> @Nullable T value(Class<T> type) {
		return type.cast(this.codec.read(this.codec.payloadType(type), this.outcome.result(),
				() -> "the return value of workflow '" + this.id + "'"));
	}

	@Override
	public @Nullable String error() {
		return this.outcome.error();
	}

	@Override
	public <C> @Nullable C context(Class<C> type) {
		return type.cast(this.codec.read(this.codec.payloadType(type), this.context,
				() -> "the completion context of workflow '" + this.id + "'"));
	}

	@Override
	public String toString() {
		return "WorkflowCompletion[" + this.id + " " + this.outcome.state() + "]";
	}

}
