package io.durable.workflow.testapp;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.durable.workflow.Step;
import io.durable.workflow.Workflow;

import org.springframework.stereotype.Component;

/**
 * Payloads typed by generic signatures: records, collections, maps, optionals and null.
 */
@Component
public class PayloadWorkflow {

	private final Steps steps;

	public PayloadWorkflow(Steps steps) {
		this.steps = steps;
	}

	@Workflow(name = "payloads")
	public Map<String, List<Order>> regroup(List<Order> orders, String nothing) {
		Map<String, List<Order>> byCustomer = this.steps.group(orders);
		Optional<Order> first = this.steps.first(orders);
		String absent = this.steps.nothing(nothing);
		if (absent != null || first.isEmpty() || !(byCustomer.values().iterator().next().get(0) instanceof Order)) {
			throw new IllegalStateException("payloads did not round-trip");
		}
		return byCustomer;
	}

	@Workflow(name = "opaque")
	public String opaque(Opaque value) {
		return value.toString();
	}

	@Workflow(name = "text")
	public int text(String value) {
		return value.length();
	}

	@Component
	public static class Steps {

		@Step
		public Map<String, List<Order>> group(List<Order> orders) {
			return orders.stream()
				.collect(java.util.stream.Collectors.groupingBy(Order::customer, java.util.TreeMap::new,
						java.util.stream.Collectors.toList()));
		}

		@Step
		public Optional<Order> first(List<Order> orders) {
			return orders.stream().findFirst();
		}

		@Step
		public String nothing(String value) {
			return value;
		}

	}

}
