package io.durable.workflow.deploy.payloadv1;

import io.durable.workflow.Workflow;
import io.durable.workflow.Workflows;
import io.durable.workflow.deploy.OrderFlow;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The first version of {@value #NAME}: it journals a reservation, then waits for
 * {@value OrderFlow#GO}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(PayloadFlowV1.Flow.class)
public class PayloadFlowV1 {

	public static final String NAME = "payload-flow";

	public record Reservation(String id, int quantity) {
	}

	static class Flow {

		@Workflow(name = NAME)
		public String run(String order) {
			Reservation reservation = Workflows.step("reserve")
				.call(Reservation.class, () -> new Reservation(order + "-r", 2));
			Workflows.awaitEvent(OrderFlow.GO);
			return "v1 " + reservation;
		}

	}

}
