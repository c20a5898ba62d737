package io.durable.workflow.engine.observation;

import io.durable.workflow.StepInfo;
import io.durable.workflow.WorkflowChangeEvent;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.WorkflowStateChangedEvent;
import io.durable.workflow.WorkflowStepJournaledEvent;
import io.durable.workflow.engine.AfterCommit;
import io.durable.workflow.journal.StepRecord;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes what happens to runs on this node as application events, and tells the run's
 * watchers, once it has committed: at once outside a transaction, after the commit inside
 * one. A listener that throws is logged; it does not undo or fail what happened.
 */
public final class RunEvents {

	private static final Log logger = LogFactory.getLog(RunEvents.class);

	private final ApplicationEventPublisher publisher;

	private final RunWatches watches;

	public RunEvents(ApplicationEventPublisher publisher, RunWatches watches) {
		this.publisher = publisher;
		this.watches = watches;
	}

	public void stateChanged(String id, String workflow, WorkflowState state) {
		publish(new WorkflowStateChangedEvent(WorkflowId.of(id), workflow, state));
	}

	public void journaled(String workflow, StepRecord step) {
		publish(new WorkflowStepJournaledEvent(WorkflowId.of(step.runId()), workflow,
				new StepInfo(step.sequence(), step.name(), step.state(), step.attempts(), step.startedAt(),
						step.finishedAt(), step.wakeAt(), step.result(), step.error())));
	}

	/**
	 * An event was stored for a run (after its commit): its watchers look again, as no
	 * state or step of the run changed with it.
	 */
	public void eventStored(String runId) {
		this.watches.changed(runId);
	}

	private void publish(WorkflowChangeEvent event) {
		AfterCommit.run(() -> publishNow(event));
	}

	private void publishNow(WorkflowChangeEvent event) {
		this.watches.changed(event.workflowId().value());
		try {
			this.publisher.publishEvent(event);
		}
		catch (RuntimeException ex) {
			logger.warn("A listener failed on " + event, ex);
		}
	}

}
