package io.durable.workflow.testapp;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.durable.workflow.EventDefinition;
import io.durable.workflow.EventFailedException;
import io.durable.workflow.EventId;
import io.durable.workflow.Step;
import io.durable.workflow.Workflow;
import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowTimeoutException;
import io.durable.workflow.Workflows;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Workflows that wait for events: human approvals, signals, answers by id. */
@Component
public class EventWorkflows {

	public static final EventDefinition<Approval> APPROVAL = EventDefinition.of("approval", Approval.class);

	private final Steps steps;

	public EventWorkflows(Steps steps) {
		this.steps = steps;
	}

	@Workflow(name = "approval")
	public String approval() {
		this.steps.mark("asked");
		Approval approval = Workflows.awaitEvent(APPROVAL);
		return this.steps.mark(approval.approver() + " approved " + approval.amount());
	}

	@Workflow(name = "two-signals")
	public String twoSignals() {
		String first = Workflows.awaitEvent("signal", String.class);
		String second = Workflows.awaitEvent("signal", String.class);
		return first + second;
	}

	@Workflow(name = "answer-or-failure")
	public String answerOrFailure() {
		try {
			return "answer " + Workflows.awaitEvent("answer", Integer.class);
		}
		catch (EventFailedException ex) {
			return "failed: " + ex.error();
		}
	}

	@Workflow(name = "reminder")
	public String reminder(Duration patience) {
		try {
			Workflows.awaitEvent("reply", patience);
			return "replied";
		}
		catch (WorkflowTimeoutException ex) {
			return this.steps.mark("reminded");
		}
	}

	/** Asks, reminds once if no approval comes within the patience, and waits on. */
	@Workflow(name = "nudged-approval")
	public String nudgedApproval(Duration patience) {
		this.steps.mark("asked");
		try {
			Approval approval = Workflows.awaitEvent(APPROVAL, patience);
			return approval.approver() + " approved " + approval.amount();
		}
		catch (WorkflowTimeoutException ex) {
			this.steps.mark("reminded");
			Approval approval = Workflows.awaitEvent(APPROVAL);
			return "after a reminder, " + approval.approver() + " approved " + approval.amount();
		}
	}

	@Workflow(name = "by-id")
	public String byId() {
		EventId id = EventId.of(this.steps.createAnswerEvent());
		return Workflows.awaitEvent(id, String.class);
	}

	/** An approval, with constraints checked when it is sent. */
	public record Approval(@NotBlank String approver, @Positive int amount) {
	}

	@Component
	public static class Steps {

		private final StepCounter counter;

		private final ObjectProvider<WorkflowClient> client;

		private final Map<String, String> answerEvents = new ConcurrentHashMap<>();

		public Steps(StepCounter counter, ObjectProvider<WorkflowClient> client) {
			this.counter = counter;
			this.client = client;
		}

		@Step(name = "mark")
		public String mark(String label) {
			this.counter.ran(label);
			return label;
		}

		@Step(name = "create-answer-event")
		public String createAnswerEvent() {
			String workflowId = Workflows.workflowId().value();
			String eventId = this.client.getObject().createEvent(Workflows.workflowId(), "answer").value();
			this.answerEvents.put(workflowId, eventId);
			return eventId;
		}

		/** The id of the event a by-id workflow created, once it has. */
		public String answerEvent(String workflowId) {
			return this.answerEvents.get(workflowId);
		}

	}

}
