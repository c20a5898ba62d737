package io.durable.workflow.deploy.deprecated;

import io.durable.workflow.Workflow;
import io.durable.workflow.Workflows;
import io.durable.workflow.deploy.OrderFlow;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** Version 3 of {@link OrderFlow}: no run of version 1 is left, the patch is retired. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ OrderFlowDeprecated.Flow.class, OrderFlow.class })
public class OrderFlowDeprecated {

	static class Flow {

		private final OrderFlow steps;

		Flow(OrderFlow steps) {
			this.steps = steps;
		}

		@Workflow(name = OrderFlow.NAME)
		public String run(String order) {
			this.steps.step("reserve");
			Workflows.deprecatePatch("receipt");
			this.steps.step("receipt");
			Workflows.awaitEvent(OrderFlow.GO);
			Workflows.awaitEvent(OrderFlow.GO);
			this.steps.step("charge");
			return "deprecated";
		}

	}

}
