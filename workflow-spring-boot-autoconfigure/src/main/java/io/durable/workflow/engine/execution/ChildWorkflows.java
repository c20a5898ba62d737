package io.durable.workflow.engine.execution;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.durable.workflow.StepState;
import io.durable.workflow.WorkflowCanceledException;
import io.durable.workflow.WorkflowException;
import io.durable.workflow.WorkflowFailedException;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.engine.EngineClock;
import io.durable.workflow.engine.definition.PayloadCodec;
import io.durable.workflow.engine.definition.RetryOverride;
import io.durable.workflow.engine.definition.StepDefinition;
import io.durable.workflow.journal.ChildRecord;
import io.durable.workflow.journal.Journal;
import io.durable.workflow.journal.JournalEntry;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Child workflows, each at a journal position of its parent. The child gets a
 * deterministic id (the parent's, a slash, the position) and is inserted in the
 * transaction that journals the parent's wait for it, so a crash leaves both or neither.
 * The parent is released while it waits; the child signals it in the transaction that
 * records the child's outcome, and the parent, woken, copies that outcome into its own
 * journal, where replays find it.
 */
public final class ChildWorkflows {

	private static final String FAILED_TYPE = WorkflowFailedException.class.getName();

	private static final String CANCELED_TYPE = WorkflowCanceledException.class.getName();

	private final Journal journal;

	private final PayloadCodec codec;

	private final EngineClock clock;

	private final StepRunner steps;

	private final RunStarter starter;

	private final TransactionTemplate transactions;

	public ChildWorkflows(Journal journal, PayloadCodec codec, EngineClock clock, StepRunner steps, RunStarter starter,
			TransactionTemplate transactions) {
		this.journal = journal;
		this.codec = codec;
		this.clock = clock;
		this.steps = steps;
		this.starter = starter;
		this.transactions = transactions;
	}

	/**
	 * Drives a child call at its position: its journaled outcome, the outcome of a child
	 * that has finished since, or {@link StepOutcome.Pending} after starting it or while
	 * it runs.
	 */
	StepOutcome advance(WorkflowExecution execution, int sequence, ChildCall call) {
		JournalEntry entry = execution.cursor().recorded(sequence);
		StepDefinition wait = new StepDefinition(call.name(), false, RetryOverride.NONE, call.definition().resultType(),
				false);
		String childId = childId(execution.task().id(), sequence);
		if (entry == null) {
			return new StepOutcome.Pending(start(execution, sequence, wait, childId, call));
		}
		execution.cursor().checkName(entry, call.name());
		return switch (entry.state()) {
			case COMPLETED -> new StepOutcome.Done(execution.cursor().readJournaled(() -> read(wait, entry.result())));
			case FAILED -> new StepOutcome.Failed(failure(childId, entry.error()));
			case WAITING, RUNNING -> look(execution, sequence, wait, entry, childId);
		};
	}

	/**
	 * Starts the child and journals the wait for it in one transaction; returns the
	 * signals seen first.
	 */
	private long start(WorkflowExecution execution, int sequence, StepDefinition wait, String childId, ChildCall call) {
		Instant now = this.clock.now();
		Duration delay = (call.runAt() != null && call.runAt().isAfter(now)) ? Duration.between(now, call.runAt())
				: Duration.ZERO;
		Long seen = this.transactions.execute((status) -> {
			long signals = this.journal.runs().signals(execution.task().id());
			this.starter.start(call.definition(), call.args(),
					RunStart.child(WorkflowId.of(childId), delay, execution.task().id(), execution.task().deadline()));
			this.steps.record(execution, wait, sequence, -1, StepState.WAITING, 1, null, null, null);
			return signals;
		});
		return (seen != null) ? seen : 0;
	}

	/**
	 * Copies a finished child's outcome into the parent's journal; a child in progress is
	 * waited for.
	 */
	private StepOutcome look(WorkflowExecution execution, int sequence, StepDefinition wait, JournalEntry entry,
			String childId) {
		ChildRecord child = this.journal.children().lookAtChild(execution.task().id(), childId);
		if (child.state() == WorkflowState.IN_PROGRESS) {
			return new StepOutcome.Pending(child.parentSignals());
		}
		if (child.state() == WorkflowState.COMPLETED) {
			this.steps.record(execution, wait, sequence, entry.attempts(), StepState.COMPLETED, entry.attempts(),
					child.result(), null, null);
			return new StepOutcome.Done(read(wait, child.result()));
		}
		String error = (child.state() == null) ? FAILED_TYPE + ": it was deleted before its parent received its outcome"
				: (child.state() == WorkflowState.CANCELED) ? CANCELED_TYPE + ": canceled"
						: FAILED_TYPE + ": " + child.error();
		this.steps.record(execution, wait, sequence, entry.attempts(), StepState.FAILED, entry.attempts(), null, error,
				null);
		return new StepOutcome.Failed(failure(childId, error));
	}

	private @Nullable Object read(StepDefinition wait, @Nullable String json) {
		return this.codec.read(wait.resultType(), json,
				() -> "the return value of child workflow '" + wait.name() + "'");
	}

	/**
	 * The exception a child's journaled failure raises in its parent: the same on every
	 * replay.
	 */
	private static WorkflowException failure(String childId, @Nullable String error) {
		String text = (error != null) ? error : "";
		if (text.startsWith(CANCELED_TYPE + ": ")) {
			return new WorkflowCanceledException(WorkflowId.of(childId));
		}
		return new WorkflowFailedException(WorkflowId.of(childId),
				text.startsWith(FAILED_TYPE + ": ") ? text.substring(FAILED_TYPE.length() + 2) : text);
	}

	/**
	 * The id of the child at a parent's position: the parent's id, a slash and the
	 * position, or (if that is too long for an id) a name-based UUID of that.
	 */
	public static String childId(String parentId, int sequence) {
		String id = parentId + "/" + sequence;
		return (id.length() <= WorkflowId.MAX_LENGTH) ? id
				: UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8)).toString();
	}

}
