package io.durable.workflow.testapp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.durable.workflow.Retry;
import io.durable.workflow.Step;
import io.durable.workflow.Workflow;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * An order whose charge fails while its card is declined, directly and as a child
 * workflow: runs to resume once the card is fixed.
 */
@Component
public class RepairableWorkflow {

	private final Steps steps;

	private final ObjectProvider<RepairableWorkflow> self;

	public RepairableWorkflow(Steps steps, ObjectProvider<RepairableWorkflow> self) {
		this.steps = steps;
		this.self = self;
	}

	@Workflow(name = "repairable")
	public String order(String order) {
		String prepared = this.steps.prepare(order);
		return this.steps.ship(this.steps.charge(prepared));
	}

	@Workflow(name = "repairable-parent")
	public String parent(String order) {
		return "parent of " + this.self.getObject().order(order);
	}

	@Component
	public static class Steps {

		private final StepCounter counter;

		private final Set<String> declined = ConcurrentHashMap.newKeySet();

		public Steps(StepCounter counter) {
			this.counter = counter;
		}

		public void decline(String order) {
			this.declined.add(order);
		}

		public void accept(String order) {
			this.declined.remove(order);
		}

		@Step(name = "prepare")
		public String prepare(String order) {
			this.counter.ran("prepare");
			return order;
		}

		@Step(name = "charge", retry = @Retry(maxAttempts = 2, initialBackoff = "1ms"))
		public String charge(String order) {
			this.counter.ran("charge");
			if (this.declined.contains(order)) {
				throw new IllegalStateException("card declined for " + order);
			}
			return order + " charged";
		}

		@Step(name = "ship")
		public String ship(String charged) {
			this.counter.ran("ship");
			return charged + " and shipped";
		}

	}

}
