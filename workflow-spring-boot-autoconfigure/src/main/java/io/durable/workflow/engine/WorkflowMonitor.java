package io.durable.workflow.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.journal.JournalStatistics;
import io.durable.workflow.journal.ListedEvent;
import io.durable.workflow.journal.NodeHolding;
import io.durable.workflow.journal.RunsInMinute;

/**
 * What health, metrics and the endpoint's stream read of the engine beyond the
 * {@link io.durable.workflow.WorkflowClient}: read-only.
 *
 * <p>
 * Internal API: it may change in any release.
 */
public interface WorkflowMonitor {

	/**
	 * What this node's engine is doing now.
	 * @return its status
	 */
	EngineStatus status();

	/**
	 * Counts the runs of all nodes in the journal, in two queries.
	 * @return the counts, as of now on the engine's clock, with those this node cannot
	 * run apart
	 */
	JournalStatistics statistics();

	/**
	 * Counts the runs of all nodes in the journal by state, in one query.
	 * @return the count of each state, zero for a state no run is in
	 */
	Map<WorkflowState, Long> countByState();

	/**
	 * Counts the runs of all nodes started, completed and failed in each minute since a
	 * time, in one query.
	 * @param from the first minute's start
	 * @return the minutes in which any run started or finished, in order
	 */
	List<RunsInMinute> runsPerMinute(Instant from);

	/**
	 * Lists the nodes sharing the journal with the runs each holds, in two queries.
	 * @return the nodes, by id
	 */
	List<NodeHolding> nodes();

	/**
	 * The names of this node's named queues, as configured.
	 * @return the names, in the order configured
	 */
	List<String> queueNames();

	/**
	 * Lists this node's named queues with their limits and their runs in progress on all
	 * nodes, in one query; then the queues of runs in progress that this node does not
	 * configure.
	 * @return the queues, those configured first in their order
	 */
	List<QueueStatus> queues();

	/**
	 * Lists the events stored for a run, oldest first: sent, received or only created.
	 * @param id the run
	 * @param limit the most to list
	 * @return the events, without their values
	 */
	List<ListedEvent> events(WorkflowId id, int limit);

	/**
	 * Calls the listener whenever a run changes (its state, a step, a child), made on
	 * this node or, through the database, on any other: at once on PostgreSQL, within a
	 * poll interval elsewhere (where the listener is also called when nothing changed).
	 * One watch of the database serves all watched runs. The listener must be quick: it
	 * runs on workflow threads.
	 * @param id the run
	 * @param listener what to call
	 * @return stops watching
	 */
	AutoCloseable watch(WorkflowId id, Runnable listener);

}
