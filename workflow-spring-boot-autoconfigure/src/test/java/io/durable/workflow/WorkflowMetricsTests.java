package io.durable.workflow;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import io.durable.workflow.engine.WorkflowEngine;
import io.durable.workflow.test.EngineIdle;
import io.durable.workflow.test.TestClockConfiguration;
import io.durable.workflow.test.WorkflowTestClock;
import io.durable.workflow.testapp.EventWorkflows;
import io.durable.workflow.testapp.FailureWorkflow;
import io.durable.workflow.testapp.GatedWorkflow;
import io.durable.workflow.testapp.TestApplication;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The engine's metrics, by value: runs started and finished, step attempts by outcome and
 * turns (from the observations), what this node runs, and the journal's waiting runs and
 * due backlog. A context of its own, so that the counts are this test's.
 */
@SpringBootTest(classes = TestApplication.class,
		properties = { "workflow.max-parallelism=4", "workflow.queues.single.concurrency=1" })
@Import(TestClockConfiguration.class)
abstract class WorkflowMetricsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	WorkflowClient client;

	@Autowired
	MeterRegistry registry;

	@Autowired
	GatedWorkflow.Steps gates;

	@Autowired
	WorkflowTestClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WorkflowEngine engine;

	@Test
	void runsAndStepsAreCountedByWorkflowStepAndOutcome() {
		WorkflowId completed = this.client.start("sequence", 3);
		this.client.result(completed, Integer.class, TIMEOUT);
		WorkflowId retried = this.client.start("retry-by-annotation", 2);
		this.client.result(retried, String.class, TIMEOUT);
		WorkflowId failed = this.client.start(FailureWorkflow.class, FailureWorkflow::fail);
		assertThatExceptionOfType(WorkflowFailedException.class)
			.isThrownBy(() -> this.client.result(failed, String.class, TIMEOUT));
		WorkflowId canceled = this.client.start(EventWorkflows.class, EventWorkflows::approval);
		this.client.cancel(canceled);

		assertThat(counter("workflow.runs.started", "workflow", "sequence")).isEqualTo(1);
		assertThat(counter("workflow.runs.finished", "workflow", "sequence", "state", "completed")).isEqualTo(1);
		assertThat(counter("workflow.runs.finished", "workflow", "failing", "state", "failed")).isEqualTo(1);
		assertThat(counter("workflow.runs.finished", "workflow", "approval", "state", "canceled")).isEqualTo(1);
		assertThat(timer("workflow.step", "workflow", "sequence", "step", "add", "outcome", "completed")).isEqualTo(3);
		assertThat(timer("workflow.step", "workflow", "retry-by-annotation", "step", "plain", "outcome", "retried"))
			.as("retries")
			.isEqualTo(2);
		assertThat(timer("workflow.step", "workflow", "retry-by-annotation", "step", "plain", "outcome", "completed"))
			.isEqualTo(1);
		assertThat(timer("workflow.step", "workflow", "failing", "step", "explode", "outcome", "failed")).isEqualTo(1);
		assertThat(timer("workflow.run", "workflow", "sequence", "outcome", "completed")).isEqualTo(1);
		assertThat(timer("workflow.run", "workflow", "failing", "outcome", "failed")).isEqualTo(1);
		assertThat(timer("workflow.start", "workflow", "sequence")).isEqualTo(1);
	}

	@Test
	void gaugesShowWhatThisNodeRunsAndWhatWaitsInTheJournal() {
		WorkflowId gated = this.client.start(GatedWorkflow.class, GatedWorkflow::run);
		WorkflowId waiting = this.client.start(EventWorkflows.class, EventWorkflows::twoSignals);
		// Due for 4 minutes, unclaimed: a run of a workflow this node runs (the claim
		// loop, which
		// runs once as the engine starts, does not run again: the test clock does not
		// move), and one
		// of a workflow it does not register.
		EngineIdle.awaitClaimLoop(this.engine);
		new JournalRows(this.jdbc).run("unclaimed", "text", "[\"x\"]", null,
				this.clock.instant().minus(Duration.ofMinutes(4)));
		new JournalRows(this.jdbc).run("orphan", "known-elsewhere", "[]", null,
				this.clock.instant().minus(Duration.ofMinutes(5)));
		try {
			await().atMost(TIMEOUT)
				.until(() -> gauge("workflow.runs.active") == 1 && gauge("workflow.runs.waiting") == 1
						&& gauge("workflow.backlog.size") == 2);
			assertThat(gauge("workflow.backlog.unregistered")).isEqualTo(1);
			assertThat(gauge("workflow.pool.active")).isEqualTo(1);
			assertThat(gauge("workflow.pool.queued")).isZero();
			assertThat(gauge("workflow.pool.utilization")).isEqualTo(0.25);
			assertThat(this.registry.get("workflow.backlog.lag").timeGauge().value(TimeUnit.MINUTES)).isCloseTo(4,
					within(0.01));
		}
		finally {
			this.gates.open(gated.value());
			this.client.cancel(waiting);
			this.jdbc.sql("DELETE FROM workflow_run WHERE id IN ('unclaimed', 'orphan')").update();
		}
		this.client.result(gated, String.class, TIMEOUT);
		await().atMost(TIMEOUT).until(() -> gauge("workflow.runs.active") == 0 && gauge("workflow.pool.active") == 0);
	}

	@Test
	void aQueuesGaugesShowItsDepthWhatItExecutesAndHowLongItsNextRunHasWaited() {
		StartOptions single = StartOptions.defaults().queue("single");
		WorkflowId first = this.client.start(GatedWorkflow.class, GatedWorkflow::run, single);
		WorkflowId second = this.client.start(GatedWorkflow.class, GatedWorkflow::run, single);
		this.clock.advance(Duration.ofMinutes(3));
		try {
			await().atMost(TIMEOUT)
				.until(() -> queueGauge("workflow.queue.executing") == 1 && queueGauge("workflow.queue.depth") == 1
						&& this.registry.get("workflow.queue.wait")
							.tag("queue", "single")
							.timeGauge()
							.value(TimeUnit.MINUTES) >= 3);
		}
		finally {
			this.gates.open(first.value());
			this.gates.open(second.value());
		}
		this.client.result(second, String.class, TIMEOUT);
	}

	private double queueGauge(String name) {
		return this.registry.get(name).tag("queue", "single").gauge().value();
	}

	private double counter(String name, String... tags) {
		return value(() -> Search.in(this.registry).name(name).tags(tags).counter(), Counter::count);
	}

	private long timer(String name, String... tags) {
		return (long) value(() -> Search.in(this.registry).name(name).tags(tags).timer(), Timer::count);
	}

	private double gauge(String name) {
		return this.registry.get(name).gauge().value();
	}

	/**
	 * The value of a meter, once it exists: the events and observations behind it may
	 * come just after a result.
	 */
	private static <M> double value(Supplier<M> meter, ToDoubleFunction<M> value) {
		M found = await().atMost(TIMEOUT).until(meter::get, (candidate) -> candidate != null);
		return value.applyAsDouble(found);
	}

}
