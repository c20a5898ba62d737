package io.durable.workflow.engine.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.durable.workflow.journal.FinishRecord;
import io.durable.workflow.journal.Journal;
import io.durable.workflow.journal.NewRun;
import io.durable.workflow.journal.PostgresGroupCommit;
import io.durable.workflow.journal.StepRecord;
import org.jspecify.annotations.Nullable;

/**
 * Group commit of the hot path's journal writes: the new runs, step records and outcomes
 * that workflows running at the same time write while another such write is in flight are
 * written together, in one auto-committed statement, by the next thread to write (which
 * then returns with everyone's results). One workflow alone still writes each record at
 * once; many at a time share commits, which is what bounds throughput on a durable
 * database. Writes on databases that cannot share a commit this way (H2) go straight to
 * the store.
 */
public final class JournalWriter {

	/** The most records one transaction writes. */
	private static final int MAX_BATCH = 64;

	private final Journal journal;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition written = this.lock.newCondition();

	private List<Write> queue = new ArrayList<>();

	private boolean writing;

	private volatile @Nullable Boolean together;

	public JournalWriter(Journal journal) {
		this.journal = journal;
	}

	/**
	 * Inserts a started run.
	 * @return {@code false} if a run with its id exists already
	 */
	boolean insertRun(NewRun run) {
		return together() ? submit(new Write(run)) : this.journal.runs().insertRun(run);
	}

	/**
	 * Journals a completed step.
	 * @return {@code false} if its position is journaled already
	 */
	boolean insertStep(StepRecord step) {
		return together() ? submit(new Write(step)) : this.journal.steps().insert(step);
	}

	/**
	 * Records a run's outcome (with its last step, if any).
	 * @return {@code false} if the run is not owned by the finishing node any more
	 */
	boolean finishRun(FinishRecord finish) {
		return together() ? submit(new Write(finish)) : this.journal.runs().finishRun(finish);
	}

	private boolean together() {
		Boolean known = this.together;
		if (known == null) {
			known = this.journal.groupCommit().applies();
			this.together = known;
		}
		return known;
	}

	private boolean submit(Write write) {
		this.lock.lock();
		try {
			this.queue.add(write);
			while (!write.done) {
				if (this.writing) {
					this.written.awaitUninterruptibly();
					continue;
				}
				this.writing = true;
				List<Write> batch = take();
				this.lock.unlock();
				try {
					writeAll(batch);
				}
				finally {
					this.lock.lock();
					this.writing = false;
					this.written.signalAll();
				}
			}
		}
		finally {
			this.lock.unlock();
		}
		if (write.failure != null) {
			throw write.failure;
		}
		return write.succeeded;
	}

	private List<Write> take() {
		if (this.queue.size() <= MAX_BATCH) {
			List<Write> batch = this.queue;
			this.queue = new ArrayList<>();
			return batch;
		}
		List<Write> batch = new ArrayList<>(this.queue.subList(0, MAX_BATCH));
		this.queue = new ArrayList<>(this.queue.subList(MAX_BATCH, this.queue.size()));
		return batch;
	}

	private void writeAll(List<Write> batch) {
		if (batch.size() == 1) {
			// Alone, a record takes the cheapest way: one auto-committed statement.
			Write write = batch.get(0);
			try {
				write.succeeded = write.writeAlone(this.journal);
			}
			catch (RuntimeException ex) {
				write.failure = ex;
			}
			finally {
				write.done = true;
			}
			return;
		}
		List<NewRun> runs = new ArrayList<>();
		List<StepRecord> steps = new ArrayList<>();
		List<FinishRecord> finishes = new ArrayList<>();
		for (Write write : batch) {
			if (write.record instanceof NewRun run) {
				runs.add(run);
			}
			else if (write.record instanceof StepRecord step) {
				steps.add(step);
			}
			else {
				finishes.add((FinishRecord) write.record);
			}
		}
		try {
			Set<String> done = this.journal.groupCommit().write(runs, steps, finishes);
			for (Write write : batch) {
				// Removed once taken: of two writes of one key (two starts of one id),
				// one wins.
				write.succeeded = done.remove(write.key());
			}
		}
		catch (RuntimeException ex) {
			batch.forEach((write) -> write.failure = ex);
		}
		finally {
			batch.forEach((write) -> write.done = true);
		}
	}

	/**
	 * One record to write (a {@link NewRun}, {@link StepRecord} or {@link FinishRecord}),
	 * and what came of it (guarded by the writer's lock once queued).
	 */
	private static final class Write {

		final Object record;

		boolean done;

		boolean succeeded;

		@Nullable RuntimeException failure;

		Write(Object record) {
			this.record = record;
		}

		boolean writeAlone(Journal journal) {
			if (this.record instanceof NewRun run) {
				return journal.runs().insertRun(run);
			}
			if (this.record instanceof StepRecord step) {
				return journal.steps().insert(step);
			}
			return journal.runs().finishRun((FinishRecord) this.record);
		}

		/** How {@link PostgresGroupCommit#write} reports this record written. */
		String key() {
			if (this.record instanceof NewRun run) {
				return PostgresGroupCommit.runKey(run.id());
			}
			if (this.record instanceof StepRecord step) {
				return PostgresGroupCommit.stepKey(step);
			}
			return ((FinishRecord) this.record).runId();
		}

	}

}
