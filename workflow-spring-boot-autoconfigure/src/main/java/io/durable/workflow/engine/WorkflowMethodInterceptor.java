package io.durable.workflow.engine;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * Around every {@code @Workflow} and {@code @Step} method: records the call for a typed start,
 * journals it when made from a workflow's own code, and is a plain call anywhere else. Holds no
 * state; the running workflow is found on the calling thread.
 */
final class WorkflowMethodInterceptor implements MethodInterceptor {

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		StartCapture capture = StartCapture.current();
		if (capture != null) {
			return capture.record(invocation);
		}
		WorkflowExecution execution = WorkflowExecution.current();
		if (execution == null) {
			return invocation.proceed();
		}
		return execution.intercept(invocation);
	}

}
