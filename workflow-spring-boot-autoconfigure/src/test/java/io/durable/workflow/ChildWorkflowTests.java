package io.durable.workflow;

import java.time.Duration;
import java.util.List;

import io.durable.workflow.engine.WorkflowEngine;
import io.durable.workflow.test.EngineIdle;
import io.durable.workflow.test.TestClockConfiguration;
import io.durable.workflow.test.WorkflowTestClock;
import io.durable.workflow.testapp.FamilyWorkflows;
import io.durable.workflow.testapp.GatedWorkflow;
import io.durable.workflow.testapp.StepCounter;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Child workflows: a {@code @Workflow} method called from a workflow runs with its own id
 * and journal while the parent waits without a thread; its value or failure reaches the
 * parent, and cancel and cleanup take the children along.
 */
@SpringBootTest(classes = TestApplication.class)
@Import(TestClockConfiguration.class)
abstract class ChildWorkflowTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	WorkflowClient client;

	@Autowired
	StepCounter counter;

	@Autowired
	WorkflowTestClock clock;

	@Autowired
	WorkflowEngine engine;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	GatedWorkflow.Steps gates;

	@Test
	void aChildsValueReachesItsParentAndEveryStepRunsOnce() {
		WorkflowId id = this.client.start(FamilyWorkflows.class, (workflow) -> workflow.sum(3));

		assertThat(this.client.result(id, Integer.class, TIMEOUT)).isEqualTo(6 + 12);
		WorkflowId first = WorkflowId.of(id.value() + "/1");
		WorkflowId second = WorkflowId.of(id.value() + "/2");
		assertThat(this.client.listByName("kid-double", ListQuery.first(10).parent(id)).items())
			.extracting(WorkflowSummary::id, WorkflowSummary::parent, WorkflowSummary::result)
			.containsExactly(tuple(first, id, "6"), tuple(second, id, "12"));
		assertThat(this.counter.count(id.value(), "before")).isEqualTo(1);
		assertThat(this.counter.count(id.value(), "after")).isEqualTo(1);
		assertThat(this.counter.count(first.value(), "doubled")).isEqualTo(1);
		assertThat(this.client.listSteps(id, ListQuery.first(10)).items())
			.extracting(StepInfo::name, StepInfo::state, StepInfo::result)
			.contains(tuple(StepInfo.child("kid-double"), StepState.COMPLETED, "6"));
	}

	@Test
	void aChildsFailureIsAnExceptionItsParentMayCatch() {
		WorkflowId id = this.client.start(FamilyWorkflows.class, FamilyWorkflows::catches);

		assertThat(this.client.result(id, String.class, TIMEOUT))
			.isEqualTo("caught java.lang.IllegalStateException: no");
		assertThat(this.client.status(WorkflowId.of(id.value() + "/0")).state()).isEqualTo(WorkflowState.FAILED);
	}

	@Test
	void childrenRunInParallelThroughAsync() {
		WorkflowId id = this.client.start(FamilyWorkflows.class, (workflow) -> workflow.parallel(10));

		assertThat(this.client.result(id, Integer.class, TIMEOUT)).isEqualTo(20 + 22);
		assertThat(this.client.listByName("kid-double", ListQuery.first(10).parent(id)).items()).hasSize(2);
	}

	@Test
	void delayedChildrenStartAtTheirTime() {
		WorkflowId id = this.client.start(FamilyWorkflows.class, FamilyWorkflows::delayed);
		WorkflowId muchLater = WorkflowId.of(id.value() + "/0");
		WorkflowId later = WorkflowId.of(id.value() + "/1");
		await().atMost(TIMEOUT).until(() -> exists(later) && exists(muchLater));
		this.clock.awaitWaiting(id);
		assertThat(this.counter.count(later.value(), "doubled")).isZero();

		this.clock.advance(Duration.ofHours(1));
		await().atMost(TIMEOUT).until(() -> this.client.status(later).state() == WorkflowState.COMPLETED);
		assertThat(this.client.status(id).state()).isEqualTo(WorkflowState.IN_PROGRESS);
		assertThat(this.counter.count(muchLater.value(), "doubled")).isZero();

		this.clock.advance(Duration.ofHours(1));

		assertThat(this.client.result(id, Integer.class, TIMEOUT)).isEqualTo(10 + 14);
		assertThat(this.client.listSteps(id, ListQuery.first(10)).items()).extracting(StepInfo::name)
			.containsExactly("much-later", "later");
	}

	@Test
	void theParentsStatusListsItsActiveChildrenAndTheChildNamesItsParent() {
		WorkflowId id = this.client.start(FamilyWorkflows.class, FamilyWorkflows::waits);
		WorkflowId child = WorkflowId.of(id.value() + "/0");
		await().atMost(TIMEOUT).until(() -> exists(child));

		assertThat(this.client.status(id)).isInstanceOfSatisfying(WorkflowStatus.InProgress.class,
				(status) -> assertThat(status.children()).containsExactly(child));
		assertThat(this.client.describe(child).parent()).isEqualTo(id);
		assertThat(this.client.describe(id).parent()).isNull();

		this.client.sendEvent(child, "go", "now");

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("child now");
	}

	@Test
	void aParentWaitingForItsChildSurvivesARestart() {
		WorkflowId id = this.client.start(FamilyWorkflows.class, FamilyWorkflows::waits);
		WorkflowId child = WorkflowId.of(id.value() + "/0");
		await().atMost(TIMEOUT).until(() -> owner(id) == null && exists(child) && owner(child) == null);

		this.engine.stop();
		this.engine.start();
		this.client.sendEvent(child, "go", "later");

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("child later");
	}

	@Test
	void cancelCascadesToChildrenAndGrandchildren() {
		WorkflowId id = this.client.start(FamilyWorkflows.class, FamilyWorkflows::grandparent);
		WorkflowId child = WorkflowId.of(id.value() + "/0");
		WorkflowId grandchild = WorkflowId.of(child.value() + "/0");
		await().atMost(TIMEOUT).until(() -> exists(grandchild));

		this.client.cancel(id);

		assertThat(List.of(id, child, grandchild))
			.allSatisfy((run) -> assertThat(this.client.status(run).state()).isEqualTo(WorkflowState.CANCELED));
		assertThatExceptionOfType(WorkflowStateException.class)
			.isThrownBy(() -> this.client.sendEvent(grandchild, "go", "too late"));
	}

	@Test
	void aCanceledChildRaisesInItsParent() {
		WorkflowId id = this.client.start(FamilyWorkflows.class, FamilyWorkflows::parentOfCanceled);
		WorkflowId child = WorkflowId.of(id.value() + "/0");
		await().atMost(TIMEOUT).until(() -> exists(child));

		this.client.cancel(child);

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("child canceled");
	}

	@Test
	void aParentThatFailsCancelsTheChildrenItLeavesRunning() {
		WorkflowId id = this.client.start(FamilyWorkflows.class, FamilyWorkflows::abandons);

		assertThatExceptionOfType(WorkflowFailedException.class)
			.isThrownBy(() -> this.client.result(id, String.class, TIMEOUT))
			.withMessageContaining("giving up");
		assertThat(this.client.status(WorkflowId.of(id.value() + "/0")).state()).isEqualTo(WorkflowState.CANCELED);
	}

	@Test
	void theChildrenAParentCancelsAsItFailsStopAtOnceOnThisNode() {
		WorkflowId id = this.client.start(FamilyWorkflows.class, FamilyWorkflows::givesUpOnEvent);
		WorkflowId child = WorkflowId.of(id.value() + "/0");
		await().atMost(TIMEOUT).until(() -> this.counter.count(child.value(), "gate") == 1);

		this.client.sendEvent(id, "give-up", "now");
		assertThatExceptionOfType(WorkflowFailedException.class)
			.isThrownBy(() -> this.client.result(id, String.class, TIMEOUT));

		// The child's step still runs here; its caller learns of the cancel at once, not
		// after a
		// poll interval (an hour in these tests), and the child goes no further.
		assertTimeoutPreemptively(TIMEOUT.dividedBy(2), () -> assertThatExceptionOfType(WorkflowCanceledException.class)
			.isThrownBy(() -> this.client.result(child, String.class, TIMEOUT)));
		this.gates.open(child.value());
		EngineIdle.await(this.engine);
		assertThat(this.counter.count(child.value(), "gate")).isEqualTo(1);
		assertThat(steps(child)).isZero();
	}

	@Test
	void cleanupRemovesTheChildrenToo() {
		WorkflowId id = this.client.start(FamilyWorkflows.class, (workflow) -> workflow.sum(1));
		this.client.result(id, Integer.class, TIMEOUT);

		this.client.cleanup(id);

		assertThatExceptionOfType(WorkflowNotFoundException.class)
			.isThrownBy(() -> this.client.status(WorkflowId.of(id.value() + "/1")));
		assertThatExceptionOfType(WorkflowNotFoundException.class).as("not answered from this node's memory either")
			.isThrownBy(() -> this.client.result(WorkflowId.of(id.value() + "/1"), Integer.class, TIMEOUT));
		assertThat(this.jdbc.sql("select count(*) from workflow_step where run_id like ?")
			.param(id.value() + "%")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aStepCannotRunAWorkflowAndSaysWhy() {
		WorkflowId id = this.client.start(FamilyWorkflows.class, FamilyWorkflows::stepCallsChild);

		assertThatExceptionOfType(WorkflowFailedException.class)
			.isThrownBy(() -> this.client.result(id, Integer.class, TIMEOUT))
			.withMessageContaining("called @Workflow method doubleIt; call it from the workflow's own code");
	}

	private boolean exists(WorkflowId id) {
		return this.jdbc.sql("select count(*) from workflow_run where id = ?")
			.param(id.value())
			.query(Long.class)
			.single() == 1;
	}

	/**
	 * The steps journaled with an outcome (an attempt that ran long enough is journaled
	 * as running).
	 */
	private long steps(WorkflowId id) {
		return this.jdbc.sql("select count(*) from workflow_step where run_id = ? and state <> 'RUNNING'")
			.param(id.value())
			.query(Long.class)
			.single();
	}

	private String owner(WorkflowId id) {
		return this.jdbc.sql("select owner from workflow_run where id = ?")
			.param(id.value())
			.query(String.class)
			.optional()
			.orElse(null);
	}

}
