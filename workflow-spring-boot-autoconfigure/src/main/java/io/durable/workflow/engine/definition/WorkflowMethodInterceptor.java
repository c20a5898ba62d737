package io.durable.workflow.engine.definition;

import io.durable.workflow.engine.execution.WorkflowInternal;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * Around every {@code @Workflow} and {@code @Step} method: records the call for a typed
 * start or a parallel step, journals it when made from a workflow's own code, and is a
 * plain call anywhere else. Holds no state; what runs is found on the calling thread.
 */
final class WorkflowMethodInterceptor implements MethodInterceptor {

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		return WorkflowInternal.intercept(invocation);
	}

}
