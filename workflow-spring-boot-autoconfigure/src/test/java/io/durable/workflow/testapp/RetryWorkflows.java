package io.durable.workflow.testapp;

import java.time.Duration;

import io.durable.workflow.Retry;
import io.durable.workflow.RetryPolicy;
import io.durable.workflow.Step;
import io.durable.workflow.StepFailedException;
import io.durable.workflow.Workflow;
import io.durable.workflow.Workflows;

import org.springframework.stereotype.Component;

/** Workflows whose steps fail a given number of times before they succeed. */
@Component
public class RetryWorkflows {

	private final FlakySteps steps;

	public RetryWorkflows(FlakySteps steps) {
		this.steps = steps;
	}

	@Workflow(name = "retry-default")
	public String withDefaultPolicy(int failures) {
		return this.steps.retried(failures);
	}

	@Workflow(name = "retry-none")
	public String withoutRetry(int failures) {
		return this.steps.plain(failures);
	}

	@Workflow(name = "retry-off")
	public String retryOff(int failures) {
		return this.steps.never(failures);
	}

	@Workflow(name = "retry-custom")
	public String customPolicy(int failures) {
		try {
			return this.steps.twice(failures);
		}
		catch (StepFailedException ex) {
			return "gave up: " + ex.errorMessage();
		}
	}

	@Workflow(name = "retry-lambda")
	public String lambda(int failures) {
		return Workflows.step("lambda")
			.retry(RetryPolicy.of(4, Duration.ofMillis(5), 1))
			.call(() -> this.steps.plain(failures));
	}

	@Workflow(name = "retry-by-annotation", retry = @Retry(maxAttempts = 4, initialBackoff = "5ms"))
	public String byAnnotation(int failures) {
		return this.steps.plain(failures);
	}

	@Workflow(name = "retry-by-properties")
	public String byProperties(int failures) {
		return this.steps.plain(failures);
	}

	@Workflow(name = "retry-long-backoff")
	public String longBackoff(int failures) {
		return this.steps.slowRetry(failures);
	}

	@Component
	public static class FlakySteps {

		private final StepCounter counter;

		public FlakySteps(StepCounter counter) {
			this.counter = counter;
		}

		@Step(name = "retried", retry = @Retry)
		public String retried(int failures) {
			return attempt("retried", failures);
		}

		@Step(name = "plain")
		public String plain(int failures) {
			return attempt("plain", failures);
		}

		@Step(name = "never", retry = @Retry(false))
		public String never(int failures) {
			return attempt("never", failures);
		}

		@Step(name = "twice", retry = @Retry(maxAttempts = 2))
		public String twice(int failures) {
			return attempt("twice", failures);
		}

		@Step(name = "slow-retry", retry = @Retry(initialBackoff = "1h"))
		public String slowRetry(int failures) {
			return attempt("slow-retry", failures);
		}

		private String attempt(String step, int failures) {
			this.counter.ran(step);
			int attempt = this.counter.count(Workflows.workflowId().value(), step);
			if (attempt <= failures) {
				throw new IllegalStateException("attempt " + attempt + " failed");
			}
			return "ok after " + attempt;
		}

	}

}
