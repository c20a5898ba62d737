package io.durable.workflow.testapp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.durable.workflow.Workflow;
import io.durable.workflow.WorkflowCompletion;
import io.durable.workflow.WorkflowCompletionHandler;
import io.durable.workflow.WorkflowState;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Workflows whose completion is handled, and the handler, which writes to the database.
 */
@Component
public class CompletionWorkflows {

	@Workflow(name = "greeting")
	public String greet(String name) {
		if (name.isEmpty()) {
			throw new IllegalArgumentException("nobody to greet");
		}
		return "hello " + name;
	}

	@Workflow(name = "validated-greeting")
	@Valid
	public Greeting validatedGreeting(String name) {
		return new Greeting(name);
	}

	/** A return value with a constraint. */
	public record Greeting(@NotBlank String to) {
	}

	/** The start site's context. */
	public record Requester(String user) {
	}

	/**
	 * Logs each completion in {@code completion_log}; can be told to fail a run's first
	 * calls.
	 */
	@Component
	public static class Handler implements WorkflowCompletionHandler {

		private final JdbcClient jdbc;

		private final Map<String, Failure> failures = new ConcurrentHashMap<>();

		public Handler(JdbcClient jdbc) {
			this.jdbc = jdbc;
		}

		public void failFirst(String workflowId, int times) {
			this.failures.put(workflowId,
					new Failure(new AtomicInteger(times), new IllegalStateException("the mail server is down")));
		}

		/**
		 * Makes every call for the run throw an error, as a class missing at runtime
		 * does.
		 */
		public void alwaysThrowAnError(String workflowId) {
			this.failures.put(workflowId, new Failure(new AtomicInteger(Integer.MAX_VALUE),
					new NoClassDefFoundError("com/example/MailClient")));
		}

		@Override
		public void onComplete(WorkflowCompletion completion) {
			String id = completion.workflowId().value();
			Requester requester = completion.context(Requester.class);
			String outcome = (completion.state() == WorkflowState.COMPLETED) ? completion.value(String.class)
					: completion.error();
			this.jdbc.sql("insert into completion_log (workflow_id, state, outcome, context) values (?, ?, ?, ?)")
				.params(id, completion.state().name(), outcome, (requester != null) ? requester.user() : null)
				.update();
			Failure failure = this.failures.get(id);
			if (failure != null && failure.left().getAndDecrement() > 0) {
				if (failure.thrown() instanceof Error error) {
					throw error;
				}
				throw (RuntimeException) failure.thrown();
			}
		}

		private record Failure(AtomicInteger left, Throwable thrown) {
		}

	}

}
