package io.durable.workflow.deploy.incompatible;

import java.util.List;

import io.durable.workflow.Workflow;
import io.durable.workflow.Workflows;
import io.durable.workflow.deploy.OrderFlow;
import io.durable.workflow.deploy.payloadv1.PayloadFlowV1;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * Version 2 of {@link PayloadFlowV1} whose reservation's quantity became a list: a
 * journaled reservation does not read back.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(PayloadFlowIncompatible.Flow.class)
public class PayloadFlowIncompatible {

	public record Reservation(String id, List<String> quantity) {
	}

	static class Flow {

		@Workflow(name = PayloadFlowV1.NAME)
		public String run(String order) {
			Reservation reservation = Workflows.step("reserve")
				.call(Reservation.class, () -> new Reservation(order + "-r", List.of("one")));
			Workflows.awaitEvent(OrderFlow.GO);
			return "incompatible " + reservation;
		}

	}

}
