package io.durable.workflow.autoconfigure;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.util.unit.DataSize;

/** The journal of workflow runs and steps. */
public class WorkflowJournalProperties {

	/**
	 * Largest JSON payload stored for a workflow's arguments, a step result or a
	 * workflow's return value. Larger payloads fail the call with
	 * InvalidPayloadException.
	 */
	@NotNull
	@DataSizeMin("1KB")
	private DataSize maxPayloadSize = DataSize.ofMegabytes(1);

	/**
	 * How long a step attempt runs, at most, before the journal records it as running, so
	 * that an attempt a crash cuts off is counted in the step's attempts. Attempts
	 * running then are recorded together, in one commit; an attempt that ends sooner is
	 * recorded once, with its outcome. 0 records each attempt before it runs, at the cost
	 * of a commit per attempt.
	 */
	@NotNull
	@DurationMin(millis = 0)
	private Duration attemptStartDelay = Duration.ofMillis(50);

	public DataSize getMaxPayloadSize() {
		return this.maxPayloadSize;
	}

	public void setMaxPayloadSize(DataSize maxPayloadSize) {
		this.maxPayloadSize = maxPayloadSize;
	}

	public Duration getAttemptStartDelay() {
		return this.attemptStartDelay;
	}

	public void setAttemptStartDelay(Duration attemptStartDelay) {
		this.attemptStartDelay = attemptStartDelay;
	}

}
