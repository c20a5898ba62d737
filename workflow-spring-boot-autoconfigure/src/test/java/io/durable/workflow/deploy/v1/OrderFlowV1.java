package io.durable.workflow.deploy.v1;

import io.durable.workflow.Workflow;
import io.durable.workflow.Workflows;
import io.durable.workflow.deploy.OrderFlow;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The first version of {@link OrderFlow}. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ OrderFlowV1.Flow.class, OrderFlow.class })
public class OrderFlowV1 {

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
			return "v1";
		}

		@Workflow(name = OrderFlow.FAILING_FLOW)
		public String failing(String order) {
			this.steps.step("reserve");
			throw new IllegalStateException("out of stock");
		}

		@Workflow(name = OrderFlow.NAP_FLOW)
		public String nap(String order) {
			this.steps.step("reserve");
			Workflows.sleep(OrderFlow.NAP);
			this.steps.step("charge");
			return "v1";
		}

	}

}
