package io.durable.workflow.testapp;

import io.durable.workflow.Workflow;

import org.springframework.stereotype.Component;

@Component
public class OrderWorkflow {

	private final OrderSteps steps;

	public OrderWorkflow(OrderSteps steps) {
		this.steps = steps;
	}

	@Workflow
	public Receipt process(Order order) {
		String reservation = this.steps.reserve(order);
		this.steps.charge(order);
		return new Receipt(reservation, order.total(), this.steps.ship(reservation));
	}

}
