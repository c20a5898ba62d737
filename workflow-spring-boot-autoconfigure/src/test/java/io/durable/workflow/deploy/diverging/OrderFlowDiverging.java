package io.durable.workflow.deploy.diverging;

import io.durable.workflow.Workflow;
import io.durable.workflow.Workflows;
import io.durable.workflow.deploy.OrderFlow;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Version 2 of {@link OrderFlow} inserts a step without a patch: runs of version 1
 * diverge.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ OrderFlowDiverging.Flow.class, OrderFlow.class })
public class OrderFlowDiverging {

	static class Flow {

		private final OrderFlow steps;

		Flow(OrderFlow steps) {
			this.steps = steps;
		}

		@Workflow(name = OrderFlow.NAME)
		public String run(String order) {
			this.steps.step("reserve");
			this.steps.step("validate");
			Workflows.awaitEvent(OrderFlow.GO);
			Workflows.awaitEvent(OrderFlow.GO);
			this.steps.step("charge");
			return "diverging";
		}

	}

}
