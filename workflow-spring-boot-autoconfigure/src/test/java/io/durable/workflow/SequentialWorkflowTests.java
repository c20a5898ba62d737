package io.durable.workflow;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.durable.workflow.testapp.FailureWorkflow;
import io.durable.workflow.testapp.Opaque;
import io.durable.workflow.testapp.Order;
import io.durable.workflow.testapp.OrderWorkflow;
import io.durable.workflow.testapp.Receipt;
import io.durable.workflow.testapp.ResumeWorkflow;
import io.durable.workflow.testapp.SequenceWorkflow;
import io.durable.workflow.testapp.StepCounter;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Starting sequential workflows, reading their results, status and steps, and the errors.
 */
@SpringBootTest(classes = TestApplication.class)
abstract class SequentialWorkflowTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	WorkflowClient client;

	@Autowired
	StepCounter counter;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SequenceWorkflow.Steps sequenceSteps;

	private final Order order = new Order("ada", List.of("book", "lamp"), new BigDecimal("42.50"));

	@Test
	void typedStartRunsEveryStepOnceAndReturnsTheResult() {
		WorkflowId id = this.client.start(OrderWorkflow.class, (workflow) -> workflow.process(this.order));

		Receipt receipt = this.client.result(id, Receipt.class, TIMEOUT);

		assertThat(receipt).isEqualTo(new Receipt("R-ada-2", new BigDecimal("42.50"), "T-R-ada-2"));
		assertThat(List.of("reserve", "charge", "ship"))
			.allSatisfy((step) -> assertThat(this.counter.count(id.value(), step)).as(step).isEqualTo(1));
		assertThat(this.client.status(id)).isEqualTo(new WorkflowStatus.Completed(receipt));
	}

	@Test
	void startByNameTakesTheArguments() {
		WorkflowId id = this.client.start("sequence", 5);

		assertThat(this.client.result(id, Integer.class, TIMEOUT)).isEqualTo(10);
	}

	@Test
	void startByNameChecksTheArguments() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.start("sequence", "five"))
			.withMessageContaining("Argument 0 of workflow 'sequence' must be a int");
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.start("sequence"))
			.withMessageContaining("takes 1 arguments, got 0");
	}

	@Test
	void unknownWorkflowNameIsRejected() {
		assertThatExceptionOfType(WorkflowNotFoundException.class).isThrownBy(() -> this.client.start("nope", 1))
			.withMessageContaining("No @Workflow named 'nope'")
			.withMessageContaining("sequence");
	}

	@Test
	void unknownIdIsReportedByEveryQuery() {
		WorkflowId unknown = WorkflowId.of("no-such-" + UUID.randomUUID());

		assertThatExceptionOfType(WorkflowNotFoundException.class).isThrownBy(() -> this.client.status(unknown))
			.withMessageContaining(unknown.value());
		assertThatExceptionOfType(WorkflowNotFoundException.class)
			.isThrownBy(() -> this.client.result(unknown, String.class, TIMEOUT));
		assertThatExceptionOfType(WorkflowNotFoundException.class)
			.isThrownBy(() -> this.client.listSteps(unknown, ListQuery.first(10)));
	}

	@Test
	void startingTheSameIdTwiceRunsOnce() {
		String chosen = "order-" + UUID.randomUUID();
		StartOptions options = StartOptions.defaults().id(chosen);

		WorkflowId first = this.client.start(OrderWorkflow.class, (workflow) -> workflow.process(this.order), options);
		WorkflowId second = this.client.start(OrderWorkflow.class, (workflow) -> workflow.process(this.order), options);
		this.client.result(first, Receipt.class, TIMEOUT);

		assertThat(first).isEqualTo(second).isEqualTo(WorkflowId.of(chosen));
		assertThat(this.counter.count(chosen, "reserve")).isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from workflow_run where id = ?")
			.param(chosen)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void concurrentStartsOfOneIdRunOnce() throws Exception {
		String chosen = "race-" + UUID.randomUUID();
		StartOptions options = StartOptions.defaults().id(chosen);
		ExecutorService callers = Executors.newFixedThreadPool(8);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<WorkflowId>> starts = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				starts.add(callers.submit(() -> {
					go.await();
					return this.client.start(OrderWorkflow.class, (workflow) -> workflow.process(this.order), options);
				}));
			}
			go.countDown();
			for (Future<WorkflowId> start : starts) {
				assertThat(start.get(20, TimeUnit.SECONDS)).isEqualTo(WorkflowId.of(chosen));
			}
		}
		finally {
			callers.shutdownNow();
		}

		this.client.result(WorkflowId.of(chosen), Receipt.class, TIMEOUT);
		assertThat(this.counter.count(chosen, "reserve")).isEqualTo(1);
		assertThat(this.counter.count(chosen, "ship")).isEqualTo(1);
	}

	@Test
	void anIdTakenByAnotherWorkflowIsAConflict() {
		String chosen = "taken-" + UUID.randomUUID();
		this.client.start("sequence", StartOptions.defaults().id(chosen), 1);

		assertThatExceptionOfType(WorkflowStateException.class)
			.isThrownBy(() -> this.client.start("text", StartOptions.defaults().id(chosen), "x"))
			.withMessageContaining("already used by a run of workflow 'sequence'");
	}

	@Test
	void argumentsThatCannotBeWrittenFailTheStartAndStoreNothing() {
		String chosen = "opaque-" + UUID.randomUUID();

		assertThatExceptionOfType(InvalidPayloadException.class)
			.isThrownBy(() -> this.client.start("opaque", StartOptions.defaults().id(chosen), new Opaque()))
			.withMessage("Cannot write argument 0 (" + Opaque.class.getName() + ") of workflow 'opaque' as JSON: "
					+ Opaque.class.getName() + " has no properties to write (no getters, public fields or record"
					+ " components), so it could not be read back: pass a record or a bean with properties, or pass"
					+ " its id and load it in a step");
		assertThatExceptionOfType(WorkflowNotFoundException.class)
			.isThrownBy(() -> this.client.status(WorkflowId.of(chosen)));
	}

	@Test
	void argumentsWithANulCharacterFailTheStartAndStoreNothing() {
		String chosen = "nul-" + UUID.randomUUID();

		assertThatExceptionOfType(InvalidPayloadException.class)
			.isThrownBy(() -> this.client.start("text", StartOptions.defaults().id(chosen), "a\u0000b"))
			.withMessage("The arguments of workflow 'text' cannot be stored: it contains a NUL character (\\u0000),"
					+ " which PostgreSQL cannot store as text; remove it, or pass binary data encoded (Base64)");
		assertThatExceptionOfType(WorkflowNotFoundException.class)
			.isThrownBy(() -> this.client.status(WorkflowId.of(chosen)));
		// An escaped backslash before "u0000" is text, not a NUL.
		assertThat(this.client.result(this.client.start("text", StartOptions.defaults(), "a\\u0000b"), Integer.class,
				Duration.ofSeconds(20)))
			.isEqualTo(8);
	}

	@Test
	void oversizedArgumentsFailTheStartAndStoreNothing() {
		String chosen = "big-" + UUID.randomUUID();
		String huge = "x".repeat(1_100_000);

		assertThatExceptionOfType(InvalidPayloadException.class)
			.isThrownBy(() -> this.client.start("text", StartOptions.defaults().id(chosen), huge))
			.withMessageContaining("workflow.journal.max-payload-size");
		assertThatExceptionOfType(WorkflowNotFoundException.class)
			.isThrownBy(() -> this.client.status(WorkflowId.of(chosen)));
	}

	@Test
	void recordsGenericsCollectionsAndNullRoundTrip() {
		List<Order> orders = List.of(this.order, new Order("bob", List.of(), BigDecimal.ONE),
				new Order("ada", List.of("pen"), BigDecimal.TEN));

		WorkflowId id = this.client.start("payloads", orders, null);

		@SuppressWarnings("unchecked")
		Map<String, List<Order>> grouped = this.client.result(id, Map.class, TIMEOUT);
		assertThat(grouped).containsOnlyKeys("ada", "bob");
		assertThat(this.client.status(id)).isInstanceOfSatisfying(WorkflowStatus.Completed.class,
				(completed) -> assertThat(completed.value())
					.isEqualTo(Map.of("ada", List.of(this.order, new Order("ada", List.of("pen"), BigDecimal.TEN)),
							"bob", List.of(new Order("bob", List.of(), BigDecimal.ONE)))));
	}

	@Test
	void aStepFailureCanBeCaughtByTheWorkflow() {
		WorkflowId id = this.client.start(FailureWorkflow.class, FailureWorkflow::recover);

		assertThat(this.client.result(id, String.class, TIMEOUT))
			.isEqualTo("compensated java.lang.IllegalStateException|boom");
		assertThat(this.client.listSteps(id, ListQuery.first(10)).items()).extracting(StepInfo::name, StepInfo::state)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("explode", StepState.FAILED),
					org.assertj.core.groups.Tuple.tuple("compensate", StepState.COMPLETED));
	}

	@Test
	void anUncaughtStepFailureFailsTheWorkflow() {
		WorkflowId id = this.client.start(FailureWorkflow.class, FailureWorkflow::fail);

		assertThatExceptionOfType(WorkflowFailedException.class)
			.isThrownBy(() -> this.client.result(id, String.class, TIMEOUT))
			.withMessageContaining("Step 'explode' failed: java.lang.IllegalStateException: uncaught");
		assertThat(this.client.status(id)).isInstanceOfSatisfying(WorkflowStatus.Failed.class,
				(failed) -> assertThat(failed.error()).contains("uncaught"));
		StepInfo step = this.client.listSteps(id, ListQuery.first(10)).items().get(0);
		assertThat(step.error()).isEqualTo("java.lang.IllegalStateException: uncaught");
		assertThat(step.finishedAt()).isAfterOrEqualTo(step.startedAt());
	}

	@Test
	void stepsArePagedWithCursorsInBothOrders() {
		WorkflowId id = this.client.start("sequence", 5);
		this.client.result(id, Integer.class, TIMEOUT);

		WorkflowPage<StepInfo> first = this.client.listSteps(id, ListQuery.first(2));
		WorkflowPage<StepInfo> second = this.client.listSteps(id, ListQuery.first(2).after(first.nextCursor()));
		WorkflowPage<StepInfo> last = this.client.listSteps(id, ListQuery.first(2).after(second.nextCursor()));
		WorkflowPage<StepInfo> newest = this.client.listSteps(id, ListQuery.first(3).descending());

		assertThat(first.items()).extracting(StepInfo::sequence).containsExactly(0, 1);
		assertThat(second.items()).extracting(StepInfo::sequence).containsExactly(2, 3);
		assertThat(last.items()).extracting(StepInfo::sequence).containsExactly(4);
		assertThat(last.hasNext()).isFalse();
		assertThat(newest.items()).extracting(StepInfo::sequence).containsExactly(4, 3, 2);
		assertThat(first.items().get(1).result()).isEqualTo("1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.listSteps(id, ListQuery.first(2).after("not-a-cursor")))
			.withMessageContaining("Malformed cursor 'not-a-cursor'");
	}

	@Test
	void theWorkflowIdIsAvailableToWorkflowCode() {
		WorkflowId id = this.client.start(ResumeWorkflow.class, (workflow) -> workflow.resume("x"));

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("x-1-2-3@" + id.value());
	}

	@Test
	void aStepCalledOutsideAWorkflowIsAPlainCall() {
		long rows = this.jdbc.sql("select count(*) from workflow_step").query(Long.class).single();

		assertThat(this.sequenceSteps.add(2, 3)).isEqualTo(5);
		assertThat(this.jdbc.sql("select count(*) from workflow_step").query(Long.class).single()).isEqualTo(rows);
		assertThatIllegalStateException().isThrownBy(Workflows::workflowId);
		assertThatIllegalStateException().isThrownBy(() -> Workflows.patched("change"))
			.withMessage("Workflows.patched can only be called from a @Workflow method's own code while it runs");
		assertThatIllegalStateException().isThrownBy(() -> Workflows.deprecatePatch("change"));
	}

	@Test
	void aStartLambdaMustCallAWorkflowMethod() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.start(OrderWorkflow.class, (workflow) -> workflow.toString()))
			.withMessageContaining("but it called none");
	}

}
