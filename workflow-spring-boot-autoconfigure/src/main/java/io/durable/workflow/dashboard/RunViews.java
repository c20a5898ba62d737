package io.durable.workflow.dashboard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.durable.workflow.ListQuery;
import io.durable.workflow.StepInfo;
import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowPage;
import io.durable.workflow.WorkflowSummary;
import io.durable.workflow.engine.WorkflowMonitor;
import io.durable.workflow.engine.definition.WorkflowDefinition;
import io.durable.workflow.engine.definition.WorkflowRegistry;

/**
 * Reads a run as its dashboard page shows it, through the {@link WorkflowClient} and the
 * engine's {@link WorkflowMonitor}.
 *
 * <p>
 * Internal API: it may change in any release.
 */
public final class RunViews {

	/** The most steps a run's page shows. */
	static final int MAX_STEPS = 1000;

	/** The most descendants (children, their children...) a run's page shows. */
	static final int MAX_DESCENDANTS = 100;

	/** The most events a run's page shows. */
	static final int MAX_EVENTS = 200;

	private final WorkflowClient client;

	private final WorkflowMonitor monitor;

	private final WorkflowRegistry registry;

	/**
	 * @param client reads runs and steps
	 * @param monitor reads events
	 * @param registry knows the events each workflow declares
	 */
	public RunViews(WorkflowClient client, WorkflowMonitor monitor, WorkflowRegistry registry) {
		this.client = client;
		this.monitor = monitor;
		this.registry = registry;
	}

	/**
	 * Reads a run.
	 * @param id the run
	 * @return the run with its steps, children and events
	 * @throws io.durable.workflow.WorkflowNotFoundException if there is no such run
	 */
	public RunView read(WorkflowId id) {
		WorkflowSummary summary = this.client.describe(id);
		List<StepInfo> steps = new ArrayList<>();
		String cursor = null;
		do {
			WorkflowPage<StepInfo> page = this.client.listSteps(id, ListQuery.first(100).after(cursor));
			steps.addAll(page.items());
			cursor = page.nextCursor();
		}
		while (cursor != null && steps.size() < MAX_STEPS);
		WorkflowDefinition workflow = this.registry.find(summary.name());
		List<EventExpectation> expectations = (workflow != null)
				? workflow.events().values().stream().map(EventExpectation::of).toList() : List.of();
		return new RunView(RunRow.of(summary), (summary.parent() != null) ? summary.parent().value() : null,
				summary.result(), summary.lastVersion(), summary.deadline(),
				(summary.forkedFrom() != null) ? summary.forkedFrom().value() : null, steps, children(id),
				this.monitor.events(id, MAX_EVENTS), expectations);
	}

	/**
	 * The descendants of a run, breadth first until there are {@value #MAX_DESCENDANTS}.
	 */
	private List<RunView.Child> children(WorkflowId root) {
		List<RunView.Child> roots = new ArrayList<>();
		Deque<Level> pending = new ArrayDeque<>(List.of(new Level(root, roots)));
		int shown = 0;
		while (!pending.isEmpty() && shown < MAX_DESCENDANTS) {
			Level level = pending.removeFirst();
			for (WorkflowSummary child : this.client
				.list(ListQuery.first(MAX_DESCENDANTS - shown).parent(level.parent()))
				.items()) {
				RunView.Child node = new RunView.Child(RunRow.of(child), new ArrayList<>());
				level.children().add(node);
				pending.addLast(new Level(child.id(), node.children()));
				shown++;
			}
		}
		return roots;
	}

	/** A run whose children are still to be read, and where they go. */
	private record Level(WorkflowId parent, List<RunView.Child> children) {
	}

}
