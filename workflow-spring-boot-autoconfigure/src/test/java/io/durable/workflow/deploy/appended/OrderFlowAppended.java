package io.durable.workflow.deploy.appended;

import io.durable.workflow.Workflow;
import io.durable.workflow.Workflows;
import io.durable.workflow.deploy.OrderFlow;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** Version 2 of {@link OrderFlow} appends a step: safe as it is. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ OrderFlowAppended.Flow.class, OrderFlow.class })
public class OrderFlowAppended {

	static class Flow {

		private final OrderFlow steps;

		Flow(OrderFlow steps) {
			this.steps = steps;
		}

		@Workflow(name = OrderFlow.NAME)
		public String run(String order) {
			this.steps.step("reserve");
			Workflows.awaitEvent(OrderFlow.GO);
			Workflows.awaitEvent(OrderFlow.GO);
			this.steps.step("charge");
			this.steps.step("ship");
			return "appended";
		}

		@Workflow(name = OrderFlow.NAP_FLOW)
		public String nap(String order) {
			this.steps.step("reserve");
			Workflows.sleep(OrderFlow.NAP);
			this.steps.step("charge");
			this.steps.step("ship");
			return "appended";
		}

	}

}
