package io.durable.workflow.engine.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.durable.workflow.ListQuery;
import io.durable.workflow.StepInfo;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowNotFoundException;
import io.durable.workflow.WorkflowPage;
import io.durable.workflow.WorkflowStatus;
import io.durable.workflow.WorkflowSummary;
import io.durable.workflow.engine.EngineClock;
import io.durable.workflow.engine.definition.PayloadCodec;
import io.durable.workflow.engine.definition.WorkflowDefinition;
import io.durable.workflow.engine.definition.WorkflowRegistry;
import io.durable.workflow.journal.Journal;
import io.durable.workflow.journal.JournalExport;
import io.durable.workflow.journal.ListedRun;
import io.durable.workflow.journal.RunQuery;
import io.durable.workflow.journal.RunRecord;
import io.durable.workflow.journal.StepRecord;
import org.jspecify.annotations.Nullable;

/**
 * The client's reads: a run's status and summary, listings of runs and of a run's steps.
 */
final class RunReads {

	private final Journal journal;

	private final WorkflowRegistry registry;

	private final PayloadCodec codec;

	private final EngineClock clock;

	private final Duration pollInterval;

	private final Function<String, List<StepInfo>> runningSteps;

	/**
	 * @param runningSteps the steps running right now of a run executing on this node
	 */
	RunReads(Journal journal, WorkflowRegistry registry, PayloadCodec codec, EngineClock clock, Duration pollInterval,
			Function<String, List<StepInfo>> runningSteps) {
		this.journal = journal;
		this.registry = registry;
		this.codec = codec;
		this.clock = clock;
		this.pollInterval = pollInterval;
		this.runningSteps = runningSteps;
	}

	WorkflowStatus status(WorkflowId id) {
		RunRecord run = find(id);
		return switch (run.state()) {
			case IN_PROGRESS -> new WorkflowStatus.InProgress(this.runningSteps.apply(run.id()),
					this.journal.children().activeChildren(run.id()).stream().map(WorkflowId::of).toList(),
					Optional.ofNullable(stalled(run)), this.journal.events().pending(run.id()));
			case COMPLETED -> new WorkflowStatus.Completed(readResult(run));
			case FAILED -> new WorkflowStatus.Failed(String.valueOf(run.error()));
			case CANCELED -> new WorkflowStatus.Canceled(Optional.ofNullable(run.error()));
		};
	}

	/**
	 * Why a run in progress cannot make progress: its replay diverged from its journal
	 * (it is parked until a node whose code replays it claims it), its completion handler
	 * failed (its error is recorded on the run until the outcome is), or it has been due
	 * for three poll intervals and more without a node claiming it, and this node does
	 * not register its workflow either.
	 */
	private @Nullable String stalled(RunRecord run) {
		if (run.stalled() != null) {
			return run.stalled();
		}
		if (run.handlerError() != null) {
			return run.handlerError();
		}
		Instant dueAt = run.dueAt();
		Instant unclaimedSince = this.clock.now().minus(this.pollInterval.multipliedBy(3));
		if (run.owner() == null && dueAt != null && dueAt.isBefore(unclaimedSince)
				&& this.registry.find(run.name()) == null) {
			return "No node has registered workflow '" + run.name() + "': the run has been due since " + dueAt
					+ " and no node has claimed it (this node does not run that workflow either)";
		}
		return null;
	}

	private @Nullable Object readResult(RunRecord run) {
		WorkflowDefinition definition = this.registry.find(run.name());
		return (definition != null)
				? this.codec.read(definition.resultType(), run.result(),
						() -> "the return value of workflow run '" + run.id() + "'")
				: this.codec.readTree(run.result());
	}

	WorkflowSummary describe(WorkflowId id) {
		RunRecord run = find(id);
		return new WorkflowSummary(id, run.name(), run.state(),
				(run.parentId() != null) ? WorkflowId.of(run.parentId()) : null, run.createdAt(), run.finishedAt(),
				run.result(), run.error(), run.handlerError(), run.stalled(), run.startedVersion(), run.lastVersion(),
				run.deadline(), (run.forkedFrom() != null) ? WorkflowId.of(run.forkedFrom()) : null);
	}

	WorkflowPage<WorkflowSummary> list(@Nullable String name, ListQuery query) {
		RunCursor after = RunCursor.parse(query.cursor());
		List<ListedRun> rows = this.journal.queries()
			.listRuns(new RunQuery(name, query.idPrefixFilter(),
					(query.stateFilter() != null) ? query.stateFilter().name() : null,
					(query.parentFilter() != null) ? query.parentFilter().value() : null, query.startedVersionFilter(),
					query.isStalledOnly(), query.createdFromFilter(), query.createdBeforeFilter(),
					(after != null) ? after.createdAt() : null, (after != null) ? after.id() : null,
					query.isDescending(), query.limit() + 1));
		List<WorkflowSummary> items = rows.stream()
			.limit(query.limit())
			.map((row) -> new WorkflowSummary(WorkflowId.of(row.id()), row.name(), row.state(),
					(row.parentId() != null) ? WorkflowId.of(row.parentId()) : null, row.createdAt(), row.finishedAt(),
					row.result(), row.error(), row.handlerError(), row.stalled(), row.startedVersion(),
					row.lastVersion(), row.deadline(),
					(row.forkedFrom() != null) ? WorkflowId.of(row.forkedFrom()) : null))
			.toList();
		WorkflowSummary last = items.isEmpty() ? null : items.get(items.size() - 1);
		return new WorkflowPage<>(items, (rows.size() > query.limit() && last != null)
				? new RunCursor(last.createdAt(), last.id().value()).toString() : null);
	}

	WorkflowPage<StepInfo> listSteps(WorkflowId id, ListQuery query) {
		Integer after = parseCursor(query.cursor());
		List<StepRecord> rows = this.journal.queries()
			.listSteps(id.value(), after, query.isDescending(), query.limit() + 1);
		if (rows.isEmpty() && this.journal.queries().findName(id.value()).isEmpty()) {
			throw WorkflowNotFoundException.run(id);
		}
		boolean more = rows.size() > query.limit();
		List<StepInfo> items = new ArrayList<>(Math.min(rows.size(), query.limit()));
		for (StepRecord row : rows.subList(0, Math.min(rows.size(), query.limit()))) {
			items.add(new StepInfo(row.sequence(), row.name(), row.state(), row.attempts(), row.startedAt(),
					row.finishedAt(), row.wakeAt(), row.result(), row.error()));
		}
		return new WorkflowPage<>(items, more ? String.valueOf(items.get(items.size() - 1).sequence()) : null);
	}

	private static @Nullable Integer parseCursor(@Nullable String cursor) {
		if (cursor == null) {
			return null;
		}
		try {
			return Integer.valueOf(cursor);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Malformed cursor '" + cursor + "': pass a nextCursor() of a step page");
		}
	}

	String exportJournal(WorkflowId id) {
		RunRecord run = find(id);
		String arguments = this.journal.queries()
			.findArguments(id.value())
			.orElseThrow(() -> WorkflowNotFoundException.run(id));
		return JournalExport.write(new JournalExport.Run(run.id(), run.name(), run.state(), arguments,
				this.journal.steps().loadJournal(run.id())));
	}

	/** A stored run, or {@link WorkflowNotFoundException}. */
	RunRecord find(WorkflowId id) {
		return this.journal.queries().findRun(id.value()).orElseThrow(() -> WorkflowNotFoundException.run(id));
	}

}
