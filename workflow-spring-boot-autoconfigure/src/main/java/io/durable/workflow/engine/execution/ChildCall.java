package io.durable.workflow.engine.execution;

import java.time.Instant;

import io.durable.workflow.StepInfo;
import io.durable.workflow.engine.definition.WorkflowDefinition;
import org.jspecify.annotations.Nullable;

/**
 * A {@code @Workflow} method called from a workflow's code: a child workflow, started at
 * a journal position of its parent.
 *
 * @param name the name of the parent's journal entry
 * @param definition the child workflow
 * @param args the arguments it was called with
 * @param runAt when it starts at the earliest, or {@code null} for now
 */
record ChildCall(String name, WorkflowDefinition definition, @Nullable Object[] args,
		@Nullable Instant runAt) implements CapturedCall {

	/**
	 * The name of the journal entry of a child called directly: the child workflow's,
	 * marked.
	 */
	static String entryName(WorkflowDefinition definition) {
		return StepInfo.child(definition.name());
	}

}
