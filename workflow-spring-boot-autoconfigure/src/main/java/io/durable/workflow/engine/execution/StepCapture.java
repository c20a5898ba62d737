package io.durable.workflow.engine.execution;

import java.util.function.Supplier;

import io.durable.workflow.engine.definition.RetryOverride;
import io.durable.workflow.engine.definition.StepDefinition;
import io.durable.workflow.engine.definition.WorkflowDefinition;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.ProxyMethodInvocation;

/**
 * Records the one call a {@code Workflows.async(() -> ...)} lambda (or a
 * {@code Workflows.step(...).child(() -> ...)} lambda) makes, instead of making it: a
 * step, to run on another thread, or a child workflow, to start.
 */
final class StepCapture {

	private static final ThreadLocal<StepCapture> CURRENT = new ThreadLocal<>();

	private final WorkflowExecution execution;

	private final String site;

	private @Nullable CapturedCall captured;

	private StepCapture(WorkflowExecution execution, String site) {
		this.execution = execution;
		this.site = site;
	}

	static @Nullable StepCapture current() {
		return CURRENT.get();
	}

	/**
	 * Records the call the lambda makes.
	 * @param site what the lambda was passed to, for error messages
	 */
	static CapturedCall capture(WorkflowExecution execution, String site, Supplier<?> call) {
		StepCapture capture = new StepCapture(execution, site);
		StepCapture outer = CURRENT.get();
		CURRENT.set(capture);
		try {
			call.get();
		}
		finally {
			CURRENT.set(outer);
		}
		if (capture.captured == null) {
			throw new IllegalArgumentException("The lambda passed to " + site + " must call one @Step or @Workflow"
					+ " method, or Workflows.step(...), but it called none");
		}
		return capture.captured;
	}

	/** Records an intercepted {@code @Step} or {@code @Workflow} method call. */
	@Nullable Object record(MethodInvocation invocation) {
		StepDefinition step = this.execution.executor().definitions().step(invocation);
		if (step != null) {
			MethodInvocation later = ((ProxyMethodInvocation) invocation).invocableClone();
			set(new CapturedStep(step, later::proceed, RetryOverride.NONE, null));
		}
		else {
			WorkflowDefinition child = this.execution.executor().definitions().workflow(invocation);
			set(new ChildCall(ChildCall.entryName(child), child, invocation.getArguments().clone(), null));
		}
		return StartCapture.defaultValue(invocation.getMethod().getReturnType());
	}

	/** Records a {@code Workflows.step(...)} call. */
	@Nullable Object record(CapturedCall call, Class<?> returnType) {
		set(call);
		return StartCapture.defaultValue(returnType);
	}

	private void set(CapturedCall call) {
		if (this.captured != null) {
			throw new IllegalArgumentException("The lambda passed to " + this.site + " must make exactly one call,"
					+ " but it called '" + this.captured.name() + "' and '" + call.name() + "'");
		}
		this.captured = call;
	}

}
