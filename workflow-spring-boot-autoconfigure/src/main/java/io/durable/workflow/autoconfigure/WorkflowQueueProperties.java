package io.durable.workflow.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

/** One named queue: its limits, and the workflows whose runs it takes. */
public class WorkflowQueueProperties {

	/**
	 * How many runs of the queue execute at once, across all the nodes sharing the
	 * database. A run waiting for a time, an event or a child holds no place. Unlimited
	 * when not set.
	 */
	@Min(1)
	private @Nullable Integer concurrency;

	/**
	 * How many runs of the queue execute at once on one node. Up to the node's
	 * max-parallelism when not set.
	 */
	@Min(1)
	private @Nullable Integer perNodeConcurrency;

	@Valid
	@NestedConfigurationProperty
	private final RateLimit rateLimit = new RateLimit();

	/**
	 * The workflows whose runs execute in this queue unless their start names another.
	 */
	private List<String> workflows = new ArrayList<>();

	public @Nullable Integer getConcurrency() {
		return this.concurrency;
	}

	public void setConcurrency(@Nullable Integer concurrency) {
		this.concurrency = concurrency;
	}

	public @Nullable Integer getPerNodeConcurrency() {
		return this.perNodeConcurrency;
	}

	public void setPerNodeConcurrency(@Nullable Integer perNodeConcurrency) {
		this.perNodeConcurrency = perNodeConcurrency;
	}

	public RateLimit getRateLimit() {
		return this.rateLimit;
	}

	public List<String> getWorkflows() {
		return this.workflows;
	}

	public void setWorkflows(List<String> workflows) {
		this.workflows = workflows;
	}

	/** How many runs of the queue begin to execute per period, across nodes. */
	public static class RateLimit {

		/**
		 * How many runs of the queue begin to execute (for the first time) per period.
		 * Unlimited when not set.
		 */
		@Min(1)
		private @Nullable Integer limit;

		/**
		 * The rate limit's period: in any window this long, at most limit runs begin.
		 */
		@DurationMin(millis = 1)
		private Duration period = Duration.ofSeconds(1);

		public @Nullable Integer getLimit() {
			return this.limit;
		}

		public void setLimit(@Nullable Integer limit) {
			this.limit = limit;
		}

		public Duration getPeriod() {
			return this.period;
		}

		public void setPeriod(Duration period) {
			this.period = period;
		}

	}

}
