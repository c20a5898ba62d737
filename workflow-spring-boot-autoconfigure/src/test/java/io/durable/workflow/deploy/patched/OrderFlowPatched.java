package io.durable.workflow.deploy.patched;

import io.durable.workflow.Workflow;
import io.durable.workflow.Workflows;
import io.durable.workflow.deploy.OrderFlow;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** Version 2 of {@link OrderFlow} inserts a step behind a patch. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ OrderFlowPatched.Flow.class, OrderFlow.class })
public class OrderFlowPatched {

	static class Flow {

		private final OrderFlow steps;

		Flow(OrderFlow steps) {
			this.steps = steps;
		}

		@Workflow(name = OrderFlow.NAME)
		public String run(String order) {
			this.steps.step("reserve");
			boolean receipt = Workflows.patched("receipt");
			if (receipt) {
				this.steps.step("receipt");
			}
			Workflows.awaitEvent(OrderFlow.GO);
			Workflows.awaitEvent(OrderFlow.GO);
			this.steps.step("charge");
			return "patched receipt=" + receipt;
		}

	}

}
