package io.durable.workflow.engine;

import java.time.Instant;
import java.util.function.Supplier;

import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.ProxyMethodInvocation;

/**
 * Records the one step call a {@code Workflows.async(() -> ...)} lambda makes, instead of making
 * it, so that the step can run on another thread.
 */
final class StepCapture {

	private static final ThreadLocal<StepCapture> CURRENT = new ThreadLocal<>();

	private final WorkflowExecution execution;

	private @Nullable CapturedStep captured;

	private StepCapture(WorkflowExecution execution) {
		this.execution = execution;
	}

	static @Nullable StepCapture current() {
		return CURRENT.get();
	}

	static CapturedStep capture(WorkflowExecution execution, Supplier<?> call) {
		StepCapture capture = new StepCapture(execution);
		CURRENT.set(capture);
		try {
			call.get();
		}
		finally {
			CURRENT.remove();
		}
		if (capture.captured == null) {
			throw new IllegalArgumentException("The lambda passed to Workflows.async must call one @Step method or"
					+ " Workflows.step(...).call(...), but it called none");
		}
		return capture.captured;
	}

	/** Records an intercepted {@code @Step} method call. */
	@Nullable Object record(MethodInvocation invocation) {
		StepDefinition step = this.execution.executor().stepDefinition(invocation);
		if (step == null) {
			throw new IllegalStateException("Workflows.async cannot run @Workflow method "
					+ invocation.getMethod().getName() + ": child workflows are not supported yet");
		}
		MethodInvocation later = ((ProxyMethodInvocation) invocation).invocableClone();
		set(new CapturedStep(step, later::proceed, RetryOverride.NONE, null));
		return StartCapture.defaultValue(invocation.getMethod().getReturnType());
	}

	/** Records a {@code Workflows.step(...).call(...)}. */
	@Nullable Object record(StepDefinition step, StepBody body, RetryOverride callRetry, @Nullable Instant runAt,
			Class<?> returnType) {
		set(new CapturedStep(step, body, callRetry, runAt));
		return StartCapture.defaultValue(returnType);
	}

	private void set(CapturedStep step) {
		if (this.captured != null) {
			throw new IllegalArgumentException("The lambda passed to Workflows.async must make exactly one step call,"
					+ " but it called '" + this.captured.step().name() + "' and '" + step.step().name() + "'");
		}
		this.captured = step;
	}

}
