package io.durable.workflow.deploy.evolved;

import io.durable.workflow.Workflow;
import io.durable.workflow.Workflows;
import io.durable.workflow.deploy.OrderFlow;
import io.durable.workflow.deploy.payloadv1.PayloadFlowV1;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Version 2 of {@link PayloadFlowV1}: the reservation lost its quantity and gained a
 * warehouse, and the workflow a parameter at the end.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(PayloadFlowEvolved.Flow.class)
public class PayloadFlowEvolved {

	public record Reservation(String id, String warehouse) {
	}

	static class Flow {

		@Workflow(name = PayloadFlowV1.NAME)
		public String run(String order, int priority) {
			Reservation reservation = Workflows.step("reserve")
				.call(Reservation.class, () -> new Reservation(order + "-r", "north"));
			Workflows.awaitEvent(OrderFlow.GO);
			return "evolved " + reservation + " priority=" + priority;
		}

	}

}
