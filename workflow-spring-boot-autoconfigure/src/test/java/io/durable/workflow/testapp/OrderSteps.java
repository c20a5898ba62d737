package io.durable.workflow.testapp;

import io.durable.workflow.Step;
import io.durable.workflow.Workflows;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.springframework.stereotype.Component;

@Component
public class OrderSteps {

	private final StepCounter counter;

	@PersistenceContext
	private EntityManager entityManager;

	public OrderSteps(StepCounter counter) {
		this.counter = counter;
	}

	@Step
	public String reserve(Order order) {
		this.counter.ran("reserve");
		return "R-" + order.customer() + "-" + order.items().size();
	}

	@Step(name = "charge", transactional = true)
	public void charge(Order order) {
		this.counter.ran("charge");
		this.entityManager.persist(new LedgerEntry(Workflows.workflowId().value(), order.total()));
	}

	@Step
	public String ship(String reservation) {
		this.counter.ran("ship");
		return "T-" + reservation;
	}

}
