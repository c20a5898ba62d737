package io.durable.workflow.engine.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

import io.durable.workflow.RetryPolicy;
import io.durable.workflow.StepCall;
import io.durable.workflow.engine.definition.RetryOverride;
import io.durable.workflow.engine.definition.StepBody;
import io.durable.workflow.engine.definition.StepDefinition;
import org.jspecify.annotations.Nullable;

/**
 * A {@code Workflows.step(name)} call being configured, then run (or recorded for async).
 */
final class StepCallImpl implements StepCall {

	private final WorkflowExecution execution;

	private final String name;

	private @Nullable Instant runAt;

	private RetryOverride retry = RetryOverride.NONE;

	StepCallImpl(WorkflowExecution execution, String name) {
		if (name.isBlank()) {
			throw new IllegalArgumentException("A step name must not be blank");
		}
		this.execution = execution;
		this.name = name;
	}

	@Override
	public StepCall runAfter(Duration delay) {
		if (delay.isNegative()) {
			throw new IllegalArgumentException("runAfter must not be negative, got " + delay);
		}
		this.runAt = this.execution.now().plus(delay);
		return this;
	}

	@Override
	public StepCall runAt(Instant time) {
		this.runAt = Objects.requireNonNull(time, "time");
		return this;
	}

	@Override
	public StepCall retry(boolean retry) {
		this.retry = RetryOverride.of(retry);
		return this;
	}

	@Override
	public StepCall retry(RetryPolicy policy) {
		this.retry = RetryOverride.of(policy);
		return this;
	}

	@Override
	public <T> T call(Supplier<T> body) {
		return execute(this.execution.executor().definitions().lambdaStep(this.name, null), body::get, Object.class);
	}

	@Override
	public <T> T call(Class<T> resultType, Supplier<T> body) {
		return execute(this.execution.executor().definitions().lambdaStep(this.name, resultType), body::get,
				resultType);
	}

	@Override
	public void run(Runnable body) {
		execute(this.execution.executor().definitions().lambdaStep(this.name, void.class), () -> {
			body.run();
			return null;
		}, void.class);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T child(Supplier<T> call) {
		if (this.retry != RetryOverride.NONE) {
			throw new IllegalStateException("Step '" + this.name + "' runs a child workflow, which is not retried"
					+ " as a step (its own steps retry): remove retry(...)");
		}
		CapturedCall captured = StepCapture.capture(this.execution, "Workflows.step(...).child", call);
		if (!(captured instanceof ChildCall child)) {
			throw new IllegalArgumentException("The lambda passed to Workflows.step(\"" + this.name
					+ "\").child must call a @Workflow method, but it called '" + captured.name() + "'");
		}
		ChildCall named = new ChildCall(this.name, child.definition(), child.args(), this.runAt);
		StepCapture outer = StepCapture.current();
		if (outer != null) {
			return (T) outer.record(named, child.definition().method().getReturnType());
		}
		return (T) WorkflowExecution.require("Workflows.step(...).child").runChild(named);
	}

	@SuppressWarnings("unchecked")
	private <T> T execute(StepDefinition step, StepBody body, Class<?> returnType) {
		StepCapture capture = StepCapture.current();
		if (capture != null) {
			return (T) capture.record(new CapturedStep(step, body, this.retry, this.runAt), returnType);
		}
		return (T) WorkflowExecution.require("Workflows.step(...)").runStep(step, this.retry, this.runAt, body);
	}

}
