package io.durable.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.durable.workflow.StepState;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.journal.FinishRecord;
import io.durable.workflow.journal.Journal;
import io.durable.workflow.journal.NewRun;
import io.durable.workflow.journal.StepRecord;

/**
 * The floor under the latency scenario: the journal records a 3-step workflow writes (its
 * start, its first two steps, its last step with its outcome), each written by the
 * journal's own statement and committed on its own, one after the other from one thread,
 * with no engine around them. What the engine adds to a workflow's latency is the latency
 * scenario's figure less this one.
 */
final class JournalFloorScenario {

	/** The owner the records are written for: no node, so that no node claims them. */
	private static final String OWNER = "benchmark-journal-floor";

	private final Journal journal;

	JournalFloorScenario(Journal journal) {
		this.journal = journal;
	}

	/** The medians of one run of the scenario, in nanoseconds. */
	record Result(int samples, long workflow, long start, long step, long finish) {

		/**
		 * The line of this run.
		 * @param commit the run's plain commit time (p50), in nanoseconds
		 */
		ResultLine line(long commit) {
			return new ResultLine().add("scenario", "journal_floor")
				.add("samples", this.samples)
				.add("p50_ms", ResultLine.millis(this.workflow))
				.add("p50_commits", ResultLine.commits(this.workflow, commit))
				.add("start_commits", ResultLine.commits(this.start, commit))
				.add("step_commits", ResultLine.commits(this.step, commit))
				.add("finish_commits", ResultLine.commits(this.finish, commit));
		}

	}

	Result run(int samples) {
		long[] workflows = new long[samples];
		long[] starts = new long[samples];
		long[] steps = new long[samples];
		long[] finishes = new long[samples];
		for (int i = 0; i < samples; i++) {
			String id = "journal-floor-" + UUID.randomUUID();
			long began = System.nanoTime();
			Instant now = Instant.now();
			insist(this.journal.runs()
				.insertRun(new NewRun(id, "benchmark", "[3]", OWNER, now.plus(Duration.ofMinutes(1)), now, null, null,
						null, null, null, null, null, null, null)));
			long started = System.nanoTime();
			insist(this.journal.steps().insert(step(id, 0, 0)));
			long stepped = System.nanoTime();
			insist(this.journal.steps().insert(step(id, 1, 1)));
			long steppedAgain = System.nanoTime();
			insist(this.journal.runs()
				.finishRun(new FinishRecord(id, OWNER, WorkflowState.COMPLETED, "3", null, Instant.now(),
						step(id, 2, 3))));
			long finished = System.nanoTime();
			workflows[i] = finished - began;
			starts[i] = started - began;
			steps[i] = stepped - started;
			finishes[i] = finished - steppedAgain;
		}
		return new Result(samples, LatencyScenario.percentile(workflows, 50), LatencyScenario.percentile(starts, 50),
				LatencyScenario.percentile(steps, 50), LatencyScenario.percentile(finishes, 50));
	}

	private static StepRecord step(String runId, int sequence, int total) {
		Instant now = Instant.now();
		return new StepRecord(runId, sequence, "add", StepState.COMPLETED, 1, 0, Integer.toString(total), null, now,
				now, null);
	}

	private static void insist(boolean written) {
		if (!written) {
			throw new IllegalStateException("The journal refused a record of the floor scenario");
		}
	}

}
