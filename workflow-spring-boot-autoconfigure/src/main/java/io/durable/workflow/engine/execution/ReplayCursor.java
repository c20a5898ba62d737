package io.durable.workflow.engine.execution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

import io.durable.workflow.InvalidPayloadException;
import io.durable.workflow.NonDeterministicWorkflowException;
import io.durable.workflow.StepState;
import io.durable.workflow.journal.JournalEntry;
import io.durable.workflow.journal.StepRecord;
import org.jspecify.annotations.Nullable;

/**
 * Where a turn stands in its run's journal: the positions recorded before it (none for a
 * fresh start), the position the next step takes, what the turn journaled itself, and
 * whether the code diverged from the journal. Steps are numbered in the order the
 * workflow's code calls them, so a replay meets them at the same positions whatever order
 * parallel steps finished in.
 */
final class ReplayCursor {

	private final String workflow;

	private final String runId;

	private final @Nullable JournalEntry[] recorded;

	/**
	 * Whether the turn only checks the code against the journal: it ends where the
	 * journal does ({@link ReplayEnd}), before anything runs or is written.
	 */
	private final boolean replayOnly;

	/**
	 * Entries journaled during this turn, by the workflow's thread and by parallel steps.
	 */
	private final Queue<JournalEntry> journaled = new ConcurrentLinkedQueue<>();

	private int next;

	private volatile @Nullable NonDeterministicWorkflowException violation;

	/** A step this turn completed and has not journaled yet; see {@link StepRunner}. */
	private @Nullable StepRecord deferred;

	ReplayCursor(String workflow, String runId, List<JournalEntry> journal, boolean replayOnly) {
		this.workflow = workflow;
		this.runId = runId;
		this.replayOnly = replayOnly;
		int size = journal.isEmpty() ? 0 : journal.get(journal.size() - 1).sequence() + 1;
		this.recorded = new JournalEntry[size];
		for (JournalEntry entry : journal) {
			this.recorded[entry.sequence()] = entry;
		}
	}

	/** Takes the next journal position, refusing once the run is known to diverge. */
	int next() {
		NonDeterministicWorkflowException known = this.violation;
		if (known != null) {
			throw known;
		}
		return this.next++;
	}

	/**
	 * The position the next step takes, without taking it; refusing once the run is known
	 * to diverge.
	 */
	int peek() {
		NonDeterministicWorkflowException known = this.violation;
		if (known != null) {
			throw known;
		}
		return this.next;
	}

	/** What the journal held at a position when the turn began, or {@code null}. */
	@Nullable JournalEntry recorded(int sequence) {
		JournalEntry entry = (sequence < this.recorded.length) ? this.recorded[sequence] : null;
		if (entry == null && this.replayOnly) {
			throw new ReplayEnd();
		}
		return entry;
	}

	/**
	 * Fails the run if the code called another step than the journal holds at that
	 * position.
	 */
	void checkName(JournalEntry entry, String name) {
		String patch = Patches.patchId(entry.name());
		if (patch != null && !entry.name().equals(name)) {
			throw diverged(
					"replaying step #" + entry.sequence() + " it called '" + name
							+ "', but the journal recorded the marker of patch '" + patch + "' at that position",
					"Keep Workflows.patched(\"" + patch + "\"), or Workflows.deprecatePatch(\"" + patch
							+ "\") once its old path is gone, at that point of the code until no run that passed it is"
							+ " in progress.");
		}
		if (!entry.name().equals(name)) {
			throw diverged(
					"replaying step #" + entry.sequence() + " it called '" + name + "', but the journal recorded '"
							+ entry.name() + "' at that position",
					"If the step was renamed, keep its old name with @Step(name = \"" + entry.name()
							+ "\"); if steps were added, removed or reordered, branch on Workflows.patched(...)"
							+ " so that runs started before the change take the old path.");
		}
		if (this.replayOnly && entry.state() != StepState.COMPLETED && entry.state() != StepState.FAILED) {
			throw new ReplayEnd();
		}
	}

	NonDeterministicWorkflowException diverged(String problem, String hint) {
		NonDeterministicWorkflowException violation = new NonDeterministicWorkflowException(
				"Workflow '" + this.workflow + "' (run '" + this.runId + "') is not deterministic: " + problem
						+ ". Its code changed while this run was in progress, or it depends on something other than its"
						+ " arguments and step results. " + hint);
		this.violation = violation;
		return violation;
	}

	/**
	 * Reads what the journal holds (arguments, a step's result, an event's value),
	 * diverging if it cannot be read back as the code's type now declares it.
	 */
	<T> T readJournaled(Supplier<T> read) {
		try {
			return read.get();
		}
		catch (InvalidPayloadException ex) {
			throw diverged("replaying, it cannot read back what its journal holds: " + ex.getMessage(),
					"Make the type read the JSON stored before the change: a property added is left at its default"
							+ " and one removed is ignored, but a property whose type changed, or a value no"
							+ " constructor takes, is not read back.");
		}
	}

	/** Fails the run if its code returned before reaching every journaled step. */
	void checkFullyReplayed() {
		if (this.violation == null && this.next < this.recorded.length) {
			diverged("it returned after " + this.next + " steps, but its journal holds " + this.recorded.length,
					"If steps were removed, branch on Workflows.patched(...) so that runs started before the change"
							+ " take the old path.");
		}
	}

	@Nullable NonDeterministicWorkflowException violation() {
		return this.violation;
	}

	void journaled(JournalEntry entry) {
		this.journaled.add(entry);
	}

	/**
	 * Everything journaled for this run so far: what the turn started with and what it
	 * wrote.
	 */
	List<JournalEntry> journal() {
		JournalEntry[] merged = new JournalEntry[Math.max(this.recorded.length, this.next)];
		System.arraycopy(this.recorded, 0, merged, 0, this.recorded.length);
		for (JournalEntry entry : this.journaled) {
			if (entry.sequence() >= merged.length) {
				merged = Arrays.copyOf(merged, entry.sequence() + 1);
			}
			merged[entry.sequence()] = entry;
		}
		List<JournalEntry> entries = new ArrayList<>(merged.length);
		for (JournalEntry entry : merged) {
			if (entry != null) {
				entries.add(entry);
			}
		}
		return entries;
	}

	void defer(StepRecord row) {
		this.deferred = row;
	}

	@Nullable StepRecord takeDeferred() {
		StepRecord row = this.deferred;
		this.deferred = null;
		return row;
	}

}
