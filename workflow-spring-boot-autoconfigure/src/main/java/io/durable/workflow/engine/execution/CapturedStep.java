package io.durable.workflow.engine.execution;

import java.time.Instant;

import io.durable.workflow.engine.definition.RetryOverride;
import io.durable.workflow.engine.definition.StepBody;
import io.durable.workflow.engine.definition.StepDefinition;
import org.jspecify.annotations.Nullable;

/**
 * A step call recorded instead of made, to run later on another thread.
 *
 * @param step the step
 * @param body its work, with the recorded arguments
 * @param callRetry the call's own retry setting
 * @param runAt when it may run at the earliest, or {@code null}
 */
record CapturedStep(StepDefinition step, StepBody body, RetryOverride callRetry,
		@Nullable Instant runAt) implements CapturedCall {

	@Override
	public String name() {
		return this.step.name();
	}

}
