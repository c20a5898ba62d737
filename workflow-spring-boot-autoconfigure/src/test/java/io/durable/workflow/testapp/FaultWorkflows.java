package io.durable.workflow.testapp;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.durable.workflow.Step;
import io.durable.workflow.Workflow;
import io.durable.workflow.Workflows;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.springframework.stereotype.Component;

/**
 * A workflow whose transactional step, on its first attempt, shows the test its
 * PostgreSQL connection and waits until the test has had the database terminate it.
 */
@Component
public class FaultWorkflows {

	private final Steps steps;

	public FaultWorkflows(Steps steps) {
		this.steps = steps;
	}

	@Workflow(name = "fault-transactional")
	public String run() {
		return this.steps.book();
	}

	@Component
	public static class Steps {

		private final StepCounter counter;

		private final Map<String, Integer> backends = new ConcurrentHashMap<>();

		private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();

		@PersistenceContext
		private EntityManager entityManager;

		public Steps(StepCounter counter) {
			this.counter = counter;
		}

		@Step(name = "book", transactional = true)
		public String book() {
			this.counter.ran("book");
			String id = Workflows.workflowId().value();
			if (this.counter.count(id, "book") == 1) {
				this.backends.put(id,
						((Number) this.entityManager.createNativeQuery("select pg_backend_pid()").getSingleResult())
							.intValue());
				awaitGate(id);
			}
			this.entityManager.persist(new LedgerEntry(id, BigDecimal.TEN));
			return "booked";
		}

		/** The backend process of the first attempt's connection, once it waits. */
		public Integer backendOf(String workflowId) {
			return this.backends.get(workflowId);
		}

		public void open(String workflowId) {
			gateOf(workflowId).countDown();
		}

		private void awaitGate(String workflowId) {
			try {
				if (!gateOf(workflowId).await(30, TimeUnit.SECONDS)) {
					throw new IllegalStateException("The gate was never opened");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		private CountDownLatch gateOf(String workflowId) {
			return this.gates.computeIfAbsent(workflowId, (key) -> new CountDownLatch(1));
		}

	}

}
