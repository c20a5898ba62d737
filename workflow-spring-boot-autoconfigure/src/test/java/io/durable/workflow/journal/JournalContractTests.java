package io.durable.workflow.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.zaxxer.hikari.HikariDataSource;
import io.durable.workflow.StepState;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.engine.AfterCommit;
import io.durable.workflow.test.PostgresTestDatabase;
import jakarta.persistence.EntityManagerFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What the engine relies on the journal's stores for, store by store, on each database:
 * one subclass per database gives the connection and the schema script. The engine is not
 * involved: each test writes through the stores and reads back what they promise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JournalContractTests {

	private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

	private static final String WORKFLOW = "contract";

	private static final String CODE_VERSION = "1.4.2";

	private static final String NODE = "node-a";

	private static final String OTHER_NODE = "node-b";

	private HikariDataSource dataSource;

	private EntityManagerFactory entityManagers;

	Journal journal;

	private int created;

	/** An empty database. */
	abstract PostgresTestDatabase.Connection database();

	/** The classpath location of the database's schema script. */
	abstract String schema();

	@BeforeAll
	void openTheJournal() {
		PostgresTestDatabase.Connection database = database();
		this.dataSource = new HikariDataSource();
		this.dataSource.setJdbcUrl(database.url());
		this.dataSource.setUsername(database.username());
		this.dataSource.setPassword(database.password());
		this.dataSource.setMaximumPoolSize(3);
		new ResourceDatabasePopulator(new ClassPathResource(schema())).execute(this.dataSource);
		LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
		factory.setDataSource(this.dataSource);
		factory.setPackagesToScan(Journal.class.getPackageName());
		factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
		factory.afterPropertiesSet();
		this.entityManagers = factory.getObject();
		this.journal = Journal.of(this.dataSource,
				SharedEntityManagerCreator.createSharedEntityManager(this.entityManagers), CODE_VERSION);
	}

	@AfterAll
	void closeTheJournal() {
		this.entityManagers.close();
		this.dataSource.close();
	}

	@BeforeEach
	void emptyTheJournal() {
		JdbcClient jdbc = JdbcClient.create(this.dataSource);
		for (String table : List.of("workflow_event", "workflow_step", "workflow_run", "workflow_lock")) {
			jdbc.sql("DELETE FROM " + table).update();
		}
	}

	@Test
	void aRunIsStoredOnceUnderItsIdWithEverythingItsTurnsRead() {
		NewRun run = new NewRun("run-1", WORKFLOW, "[1,\"a\"]", null, NOW, NOW, "parent-1", "handler", "{\"k\":1}",
				"{\"b3\":\"x\"}", null, null, null, null, null);
		assertThat(this.journal.runs().insertRun(run)).isTrue();
		assertThat(this.journal.runs()
			.insertRun(new NewRun("run-1", "other", "[]", null, NOW, NOW, null, null, null, null, null, null, null,
					null, null)))
			.isFalse();

		assertThat(this.journal.runs().claimRun("run-1", NODE, NOW, NOW.plusSeconds(10)))
			.contains(new ClaimedRun("run-1", WORKFLOW, "[1,\"a\"]", "parent-1", "handler", "{\"k\":1}",
					"{\"b3\":\"x\"}", null, null, false));
		RunRecord stored = this.journal.queries().findRun("run-1").orElseThrow();
		assertThat(stored.name()).isEqualTo(WORKFLOW);
		assertThat(stored.state()).isEqualTo(WorkflowState.IN_PROGRESS);
		assertThat(stored.owner()).isEqualTo(NODE);
		assertThat(stored.dueAt()).isEqualTo(NOW.plusSeconds(10));
		assertThat(stored.createdAt()).isEqualTo(NOW);
		assertThat(this.journal.queries().findName("run-1")).contains(WORKFLOW);
		assertThat(this.journal.queries().findRun("missing")).isEmpty();
	}

	@Test
	void runsRecordTheCodeVersionTheyStartedOnAndTheOneThatLastClaimedThem() {
		Journal next = Journal.of(this.dataSource,
				SharedEntityManagerCreator.createSharedEntityManager(this.entityManagers), "2.0.0");
		insert("run-1", NOW);
		assertThat(this.journal.queries().findRun("run-1").orElseThrow())
			.extracting(RunRecord::startedVersion, RunRecord::lastVersion)
			.containsExactly(CODE_VERSION, CODE_VERSION);

		next.runs().claimRun("run-1", NODE, NOW, NOW.plusSeconds(10));
		assertThat(this.journal.queries().findRun("run-1").orElseThrow())
			.extracting(RunRecord::startedVersion, RunRecord::lastVersion)
			.containsExactly(CODE_VERSION, "2.0.0");
		next.runs().releaseRun("run-1", NODE, NOW);
		assertThat(this.journal.runs().claimDue(Set.of(WORKFLOW), NODE, NOW, NOW.plusSeconds(10), 10))
			.extracting(ClaimedRun::id)
			.containsExactly("run-1");
		assertThat(this.journal.queries().findRun("run-1").orElseThrow().lastVersion()).isEqualTo(CODE_VERSION);

		if (next.groupCommit().applies()) {
			next.groupCommit()
				.write(List.of(new NewRun("run-2", WORKFLOW, "[]", NODE, NOW, NOW.plusSeconds(1), null, null, null,
						null, null, null, null, null, null)), List.of(), List.of());
		}
		else {
			next.runs()
				.insertRun(new NewRun("run-2", WORKFLOW, "[]", NODE, NOW, NOW.plusSeconds(1), null, null, null, null,
						null, null, null, null, null));
		}
		assertThat(this.journal.queries()
			.listRuns(new RunQuery(null, null, null, null, "2.0.0", false, null, null, null, null, false, 10)))
			.extracting(ListedRun::id, ListedRun::startedVersion, ListedRun::lastVersion)
			.containsExactly(tuple("run-2", "2.0.0", "2.0.0"));
		assertThat(this.journal.queries()
			.listRuns(new RunQuery(null, null, null, null, CODE_VERSION, false, null, null, null, null, false, 10)))
			.extracting(ListedRun::id)
			.containsExactly("run-1");
	}

	@Test
	void dueRunsOfTheGivenWorkflowsAreClaimedOldestFirstUpToTheLimitAndLeased() {
		insert("a", NOW.minusSeconds(3));
		insert("b", NOW.minusSeconds(2));
		insert("c", NOW.minusSeconds(1));
		insert("later", NOW.plusSeconds(60));
		insert("unregistered", "other", NOW.minusSeconds(5), null);

		assertThat(claimDue(NODE, NOW, 2)).containsExactly("a", "b");
		assertThat(claimDue(OTHER_NODE, NOW, 10)).as("the leased runs are not due").containsExactly("c");
		assertThat(claimDue(OTHER_NODE, NOW.plusSeconds(11), 10)).as("their leases ran out")
			.containsExactlyInAnyOrder("a", "b", "c");
		assertThat(this.journal.queries().findRun("a").orElseThrow().owner()).isEqualTo(OTHER_NODE);
		assertThat(claimDue(NODE, NOW.plusSeconds(20), 10)).as("leased again, and not due yet").isEmpty();
	}

	@Test
	void aRunIsClaimedByIdOnlyWhileDueAndHeldByNoNode() {
		insert("run-1", NOW.plusSeconds(5));
		assertThat(this.journal.runs().claimRun("run-1", NODE, NOW, NOW.plusSeconds(10))).as("not due").isEmpty();
		assertThat(this.journal.runs().claimRun("run-1", NODE, NOW.plusSeconds(5), NOW.plusSeconds(10))).isPresent();
		assertThat(this.journal.runs().claimRun("run-1", OTHER_NODE, NOW.plusSeconds(20), NOW.plusSeconds(30)))
			.as("held, even past its lease: a takeover claims it among the due runs")
			.isEmpty();
	}

	@Test
	void aReleasedRunIsDueAgainForAnyNodeAndOnlyItsOwnerReleasesIt() {
		insert("run-1", NOW);
		claimDue(NODE, NOW, 10);
		this.journal.runs().releaseRun("run-1", OTHER_NODE, NOW);
		assertThat(claimDue(OTHER_NODE, NOW, 10)).as("released by a node that does not hold it").isEmpty();

		this.journal.runs().releaseRun("run-1", NODE, NOW.plusSeconds(5));
		assertThat(this.journal.queries().findRun("run-1").orElseThrow().owner()).isNull();
		assertThat(claimDue(OTHER_NODE, NOW.plusSeconds(4), 10)).isEmpty();
		assertThat(claimDue(OTHER_NODE, NOW.plusSeconds(5), 10)).containsExactly("run-1");
	}

	@Test
	void aWaitingRunIsReleasedUntilItsDeadlineOrAtOnceIfASignalCameMeanwhile() {
		insert("missed", NOW);
		insert("waiting", NOW);
		claimDue(NODE, NOW, 10);
		long seen = this.journal.runs().signals("missed");
		assertThat(this.journal.runs().signalRun("missed", NOW)).isTrue();
		assertThat(this.journal.runs().signals("missed")).isEqualTo(seen + 1);
		this.journal.runs().releaseWaiting("missed", NODE, null, seen, NOW);
		this.journal.runs().releaseWaiting("waiting", NODE, null, this.journal.runs().signals("waiting"), NOW);

		assertThat(claimDue(OTHER_NODE, NOW.plus(Duration.ofDays(365)), 10)).as("signaled while held")
			.containsExactly("missed");
		assertThat(this.journal.runs().signalRun("waiting", NOW.plusSeconds(1))).isTrue();
		assertThat(claimDue(OTHER_NODE, NOW.plusSeconds(1), 10)).as("signaled while released")
			.containsExactly("waiting");
	}

	@Test
	void anOutcomeIsRecordedByTheRunsOwnerOnlyAndOnce() {
		insert("run-1", NOW);
		claimDue(NODE, NOW, 10);
		assertThat(this.journal.runs().finishRun(completed("run-1", OTHER_NODE, null))).isFalse();
		assertThat(this.journal.runs().finishRun(completed("run-1", NODE, null))).isTrue();
		assertThat(this.journal.runs().finishRun(completed("run-1", NODE, null))).isFalse();
		assertThat(this.journal.runs().cancelRun("run-1", NOW, null)).as("finished").isFalse();

		RunRecord finished = this.journal.queries().findRun("run-1").orElseThrow();
		assertThat(finished.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(finished.result()).isEqualTo("\"done\"");
		assertThat(finished.owner()).isNull();
		assertThat(finished.dueAt()).isNull();
		assertThat(finished.finishedAt()).isEqualTo(NOW.plusSeconds(1));
	}

	@Test
	void anOutcomeWithItsLastStepRecordsBothOrNeitherIfThatPositionIsJournaled() {
		insert("run-1", NOW);
		insert("run-2", NOW);
		claimDue(NODE, NOW, 10);
		assertThat(this.journal.runs().finishRun(completed("run-1", NODE, step("run-1", 0, StepState.COMPLETED))))
			.isTrue();
		assertThat(this.journal.steps().loadJournal("run-1")).extracting(JournalEntry::name).containsExactly("step-0");

		assertThat(this.journal.steps().insert(step("run-2", 0, StepState.COMPLETED))).isTrue();
		assertThat(this.journal.runs().finishRun(completed("run-2", NODE, step("run-2", 0, StepState.FAILED))))
			.isFalse();
		assertThat(this.journal.queries().findRun("run-2").orElseThrow().state()).isEqualTo(WorkflowState.IN_PROGRESS);
		assertThat(this.journal.steps().loadJournal("run-2")).extracting(JournalEntry::state)
			.containsExactly(StepState.COMPLETED);
	}

	@Test
	void stepsAreJournaledOncePerPositionInOrderAndMovedOnOnlyFromTheAttemptsTheyRecord() {
		insert("run-1", NOW);
		assertThat(this.journal.steps().insert(step("run-1", 2, StepState.COMPLETED))).isTrue();
		assertThat(this.journal.steps()
			.insert(new StepRecord("run-1", 0, "step-0", StepState.FAILED, 3, 3, null, "boom", NOW, NOW, null)))
			.isTrue();
		assertThat(this.journal.steps()
			.insert(new StepRecord("run-1", 1, "step-1", StepState.WAITING, 1, 1, null, "retry", NOW, null,
					NOW.plusSeconds(30))))
			.isTrue();
		assertThat(this.journal.steps().insert(step("run-1", 0, StepState.COMPLETED))).as("journaled already")
			.isFalse();

		assertThat(this.journal.steps().loadJournal("run-1")).containsExactly(
				new JournalEntry(0, "step-0", StepState.FAILED, 3, 3, null, "boom", null),
				new JournalEntry(1, "step-1", StepState.WAITING, 1, 1, null, "retry", NOW.plusSeconds(30)),
				new JournalEntry(2, "step-2", StepState.COMPLETED, 1, 0, "\"2\"", null, null));

		StepRecord done = new StepRecord("run-1", 1, "step-1", StepState.COMPLETED, 2, 1, "\"1\"", null, NOW,
				NOW.plusSeconds(31), null);
		assertThat(this.journal.steps().update(done, 2)).as("another attempt count").isFalse();
		assertThat(this.journal.steps().update(done, 1)).isTrue();
		assertThat(this.journal.steps().update(done, 2)).as("completed").isFalse();
		assertThat(this.journal.steps().loadJournal("run-1").get(1))
			.isEqualTo(new JournalEntry(1, "step-1", StepState.COMPLETED, 2, 1, "\"1\"", null, null));
	}

	@Test
	void aParkedRunKeepsItsReasonUntilANodeClaimsIt() {
		insert("run-1", NOW);
		this.journal.runs().claimRun("run-1", NODE, NOW, NOW.plusSeconds(10));
		this.journal.runs().parkRun("run-1", OTHER_NODE, NOW.plusSeconds(60), "not its owner");
		assertThat(this.journal.queries().findRun("run-1").orElseThrow().stalled()).as("not its owner").isNull();

		this.journal.runs().parkRun("run-1", NODE, NOW.plusSeconds(60), "diverged");

		RunRecord parked = this.journal.queries().findRun("run-1").orElseThrow();
		assertThat(parked.stalled()).isEqualTo("diverged");
		assertThat(parked.owner()).isNull();
		assertThat(parked.dueAt()).isEqualTo(NOW.plusSeconds(60));
		insert("not-parked", NOW.plusSeconds(3600));
		assertThat(this.journal.queries()
			.listRuns(new RunQuery(null, null, null, null, null, true, null, null, null, null, false, 10)))
			.extracting(ListedRun::id, ListedRun::stalled)
			.containsExactly(tuple("run-1", "diverged"));
		assertThat(this.journal.runs().claimRun("run-1", NODE, NOW, NOW.plusSeconds(10))).as("not due yet").isEmpty();
		assertThat(this.journal.runs().claimRun("run-1", NODE, NOW.plusSeconds(60), NOW.plusSeconds(70))).isPresent();
		assertThat(this.journal.queries().findRun("run-1").orElseThrow().stalled()).isNull();
		this.journal.runs().releaseRun("run-1", NODE, NOW);
		this.journal.runs().parkRun("run-1", NODE, NOW, "ignored: released");
		assertThat(this.journal.runs().claimDue(Set.of(WORKFLOW), NODE, NOW, NOW.plusSeconds(10), 10))
			.extracting(ClaimedRun::id)
			.containsExactly("run-1");
		assertThat(this.journal.queries().findRun("run-1").orElseThrow().stalled()).isNull();
	}

	@Test
	void anOperatorFailsARunInProgressOnly() {
		insert("run-1", NOW);

		assertThat(this.journal.runs().failRun("run-1", "code changed", NOW)).isTrue();
		assertThat(this.journal.runs().failRun("run-1", "again", NOW)).isFalse();

		RunRecord failed = this.journal.queries().findRun("run-1").orElseThrow();
		assertThat(failed.state()).isEqualTo(WorkflowState.FAILED);
		assertThat(failed.error()).isEqualTo("code changed");
		assertThat(failed.finishedAt()).isEqualTo(NOW);
		assertThat(this.journal.steps().insert(step("run-1", 0, StepState.COMPLETED))).isFalse();
	}

	@Test
	void overdueRunsAreThoseInProgressPastTheirDeadlineButForChildrenOfOverdueParents() {
		Instant passed = NOW.minusSeconds(1);
		insertWithDeadline("early", null, NOW.minusSeconds(60));
		insertWithDeadline("passed", null, passed);
		insertWithDeadline("child-of-passed", "passed", passed);
		insertWithDeadline("exactly-now", null, NOW);
		insertWithDeadline("later", null, NOW.plusSeconds(1));
		insertWithDeadline("child-of-later", "later", NOW.minusMillis(500));
		insertWithDeadline("none", null, null);
		insertWithDeadline("canceled", null, passed);
		this.journal.runs().cancelRun("canceled", NOW, "Its deadline passed");

		assertThat(this.journal.runs().overdue(NOW, 10)).containsExactly("early", "passed", "child-of-later",
				"exactly-now");
		assertThat(this.journal.runs().overdue(NOW, 1)).containsExactly("early");
		assertThat(this.journal.queries().findRun("canceled").orElseThrow())
			.extracting(RunRecord::state, RunRecord::error, RunRecord::deadline)
			.containsExactly(WorkflowState.CANCELED, "Its deadline passed", passed);
	}

	private void insertWithDeadline(String id, @Nullable String parentId, @Nullable Instant deadline) {
		this.journal.runs()
			.insertRun(new NewRun(id, WORKFLOW, "[]", null, NOW, NOW, parentId, null, null, null, deadline, null, null,
					null, null));
	}

	@Test
	void aCanceledRunTakesNoMoreSteps() {
		insert("run-1", NOW);
		assertThat(this.journal.steps()
			.insert(new StepRecord("run-1", 0, "step-0", StepState.WAITING, 1, 1, null, "retry", NOW, null, NOW)))
			.isTrue();
		assertThat(this.journal.runs().cancelRun("run-1", NOW, null)).isTrue();
		assertThat(this.journal.runs().cancelRun("run-1", NOW, null)).isFalse();

		assertThat(this.journal.steps().insert(step("run-1", 1, StepState.COMPLETED))).isFalse();
		assertThat(this.journal.steps().update(step("run-1", 0, StepState.COMPLETED), 1)).isFalse();
		assertThat(this.journal.steps().recordStarts(List.of(new StepStart("run-1", 0, "step-0", 2, NOW, 1))))
			.containsExactly(false);
		RunRecord canceled = this.journal.queries().findRun("run-1").orElseThrow();
		assertThat(canceled.state()).isEqualTo(WorkflowState.CANCELED);
		assertThat(canceled.finishedAt()).isEqualTo(NOW);
	}

	@Test
	void attemptStartsAreJournaledTogetherEachOnlyFromThePositionItFollows() {
		insert("run-1", NOW);
		this.journal.steps()
			.insert(new StepRecord("run-1", 0, "step-0", StepState.WAITING, 1, 1, null, "retry", NOW, null, NOW));
		this.journal.steps()
			.insert(new StepRecord("run-1", 2, "step-2", StepState.WAITING, 1, 1, null, "retry", NOW, null, NOW));

		boolean[] recorded = this.journal.steps()
			.recordStarts(List.of(new StepStart("run-1", 0, "step-0", 2, NOW.plusSeconds(1), 1),
					new StepStart("run-1", 1, "step-1", 1, NOW.plusSeconds(1), -1),
					new StepStart("run-1", 2, "step-2", 5, NOW.plusSeconds(1), 4)));

		assertThat(recorded).containsExactly(true, true, false);
		assertThat(this.journal.steps().loadJournal("run-1")).extracting(JournalEntry::state, JournalEntry::attempts)
			.containsExactly(tuple(StepState.RUNNING, 2), tuple(StepState.RUNNING, 1), tuple(StepState.WAITING, 1));
	}

	@Test
	void eventsAreTakenOnceByNameInTheOrderSentOrByTheirId() {
		insert("run-1", NOW);
		this.journal.events()
			.insert(new EventRecord("e1", "run-1", "approval", false, EventRecord.SENT, "1", null), NOW);
		this.journal.events()
			.insert(new EventRecord("e2", "run-1", "approval", false, EventRecord.SENT, "2", null), NOW);
		this.journal.events()
			.insert(new EventRecord("e3", "run-1", "approval", true, EventRecord.SENT, "3", null), NOW);
		this.journal.events()
			.insert(new EventRecord("e4", "run-1", "approval", false, EventRecord.CREATED, null, null), NOW);
		assertThat(this.journal.events().pending("run-1")).isEqualTo(Map.of("approval", 3L));

		assertThat(take(null)).isEqualTo("e1");
		assertThat(take(null)).isEqualTo("e2");
		assertThat(take(null)).as("e3 is taken by its id only, e4 is not sent").isNull();
		assertThat(take("e3")).isEqualTo("e3");
		assertThat(take("e3")).isNull();

		assertThat(this.journal.events().sendCreated("e4", "4", null, NOW)).isTrue();
		assertThat(this.journal.events().sendCreated("e4", "5", null, NOW)).isFalse();
		assertThat(this.journal.events().find("e4"))
			.contains(new EventRecord("e4", "run-1", "approval", false, EventRecord.SENT, "4", null));
		assertThat(take(null)).isEqualTo("e4");
		assertThat(this.journal.events().find("e1").orElseThrow().state()).isEqualTo(EventRecord.CONSUMED);
		assertThat(this.journal.events().pending("run-1")).isEmpty();
		assertThat(this.journal.events().list("run-1", 3)).as("oldest first, as many as asked")
			.extracting(ListedEvent::state, ListedEvent::byId, ListedEvent::createdAt)
			.containsExactly(tuple(EventRecord.CONSUMED, false, NOW), tuple(EventRecord.CONSUMED, false, NOW),
					tuple(EventRecord.CONSUMED, true, NOW));
		assertThat(this.journal.events().list("run-1", 10).get(3))
			.isEqualTo(new ListedEvent("approval", false, EventRecord.CONSUMED, NOW, NOW, NOW, null));
	}

	@Test
	void aLeaseRenewalExtendsWhatTheNodeHoldsAndTellsWhatItLost() {
		insert("kept", NOW.minusSeconds(3));
		insert("canceled", NOW.minusSeconds(2));
		insert("others", NOW.minusSeconds(1));
		claimDue(NODE, NOW, 2);
		claimDue(OTHER_NODE, NOW, 10);
		this.journal.runs().cancelRun("canceled", NOW, null);

		LeaseRenewal renewal = this.journal.leases().renewLeases(NODE, NOW.plusSeconds(30));

		assertThat(renewal.held()).containsExactly("kept");
		assertThat(renewal.extended()).containsExactly("kept");
		assertThat(claimDue(OTHER_NODE, NOW.plusSeconds(29), 10)).as("the other node's own lease ran out")
			.containsExactly("others");
		assertThat(claimDue(OTHER_NODE, NOW.plusSeconds(30), 10)).containsExactly("kept");
	}

	@Test
	void aCancelCascadesToEveryChildInProgressParentsFirst() {
		insert("parent", NOW);
		insert("child", WORKFLOW, NOW, "parent");
		insert("grandchild", "leaf", NOW, "child");
		insert("finished-child", WORKFLOW, NOW, "parent");
		claimDue(NODE, NOW, 10);
		this.journal.runs().finishRun(completed("finished-child", NODE, null));
		assertThat(this.journal.children().activeChildren("parent")).containsExactly("child");

		this.journal.runs().cancelRun("parent", NOW, null);
		Map<String, String> canceled = this.journal.children().cancelChildren("parent", NOW);

		assertThat(canceled).containsExactly(Map.entry("child", WORKFLOW), Map.entry("grandchild", "leaf"));
		assertThat(this.journal.queries().findRun("grandchild").orElseThrow().state())
			.isEqualTo(WorkflowState.CANCELED);
		assertThat(this.journal.queries().findRun("finished-child").orElseThrow().state())
			.isEqualTo(WorkflowState.COMPLETED);
		ChildRecord child = this.journal.children().lookAtChild("parent", "child");
		assertThat(child.state()).isEqualTo(WorkflowState.CANCELED);
		assertThat(this.journal.children().lookAtChild("parent", "missing").state()).isNull();
	}

	@Test
	void retentionDeletesTheOldestFinishedRunsOfAStateWithTheirChildrenStepsAndEvents() {
		insert("old", NOW);
		insert("old-child", WORKFLOW, NOW, "old");
		insert("recent", NOW);
		insert("old-failed", NOW);
		insert("in-progress", NOW);
		claimDue(NODE, NOW, 10);
		this.journal.steps().insert(step("old", 0, StepState.COMPLETED));
		this.journal.steps().insert(step("old-child", 0, StepState.COMPLETED));
		this.journal.events()
			.insert(new EventRecord("old-event", "old", "approval", false, EventRecord.SENT, "1", null), NOW);
		finish("old-child", WorkflowState.COMPLETED, NOW.minus(Duration.ofDays(3)));
		finish("old", WorkflowState.COMPLETED, NOW.minus(Duration.ofDays(3)));
		finish("old-failed", WorkflowState.FAILED, NOW.minus(Duration.ofDays(3)));
		finish("recent", WorkflowState.COMPLETED, NOW.minus(Duration.ofHours(1)));

		RetentionStore.Deleted deleted = this.journal.retention()
			.deleteFinished(WorkflowState.COMPLETED, NOW.minus(Duration.ofDays(1)), 10);
		assertThat(deleted.roots()).isOne();
		assertThat(deleted.runs()).containsExactlyInAnyOrder("old", "old-child");

		assertThat(this.journal.queries().findRun("old")).isEmpty();
		assertThat(this.journal.queries().findRun("old-child")).isEmpty();
		assertThat(this.journal.steps().loadJournal("old")).isEmpty();
		assertThat(this.journal.steps().loadJournal("old-child")).isEmpty();
		assertThat(this.journal.events().find("old-event")).isEmpty();
		assertThat(List.of("recent", "old-failed", "in-progress"))
			.allSatisfy((id) -> assertThat(this.journal.queries().findRun(id)).isPresent());

		assertThat(this.journal.retention().deleteRun("recent")).containsExactly("recent");
		assertThat(this.journal.queries().findRun("recent")).isEmpty();
	}

	@Test
	void aNamedLockIsHeldByOneNodeAtATimeUntilItRunsOut() {
		RetentionStore locks = this.journal.retention();
		assertThat(locks.tryLock("housekeeping", NODE, NOW, NOW.plusSeconds(60))).isTrue();
		assertThat(locks.tryLock("housekeeping", OTHER_NODE, NOW.plusSeconds(1), NOW.plusSeconds(61))).isFalse();
		assertThat(locks.tryLock("housekeeping", NODE, NOW.plusSeconds(30), NOW.plusSeconds(90))).as("renewed")
			.isTrue();
		assertThat(locks.tryLock("housekeeping", OTHER_NODE, NOW.plusSeconds(89), NOW.plusSeconds(150))).isFalse();
		assertThat(locks.tryLock("housekeeping", OTHER_NODE, NOW.plusSeconds(90), NOW.plusSeconds(150))).isTrue();
		assertThat(locks.tryLock("other", NODE, NOW, NOW.plusSeconds(60))).as("another lock").isTrue();
	}

	@Test
	void listingsFilterAndPageByCreationTimeEitherWay() {
		for (int i = 0; i < 5; i++) {
			insert("list-" + i, NOW);
		}
		insert("list-child", WORKFLOW, NOW, "list-0");
		insert("unlisted", "other", NOW, null);
		claimDue(NODE, NOW, 10);
		finish("list-1", WorkflowState.COMPLETED, NOW);
		finish("list-3", WorkflowState.COMPLETED, NOW);

		List<ListedRun> first = list(query(null, null, null, null, false, 2));
		assertThat(first).extracting(ListedRun::id).containsExactly("list-0", "list-1");
		ListedRun last = first.get(1);
		assertThat(list(query(null, null, null, last, false, 2))).extracting(ListedRun::id)
			.containsExactly("list-2", "list-3");
		assertThat(list(query(null, null, null, null, true, 3))).extracting(ListedRun::id)
			.containsExactly("list-child", "list-4", "list-3");
		assertThat(list(query(WorkflowState.COMPLETED, null, null, null, true, 10))).extracting(ListedRun::id)
			.containsExactly("list-3", "list-1");
		assertThat(list(query(null, "list-0", null, null, false, 10))).extracting(ListedRun::id)
			.containsExactly("list-child");
		Instant second = this.journal.queries().findRun("list-1").orElseThrow().createdAt();
		Instant fourth = this.journal.queries().findRun("list-3").orElseThrow().createdAt();
		assertThat(list(new RunQuery(WORKFLOW, null, null, null, null, false, second, fourth, null, null, false, 10)))
			.extracting(ListedRun::id)
			.containsExactly("list-1", "list-2");
		assertThat(this.journal.queries()
			.listRuns(new RunQuery("other", null, null, null, null, false, null, null, null, null, false, 10)))
			.extracting(ListedRun::id, ListedRun::state)
			.containsExactly(tuple("unlisted", WorkflowState.IN_PROGRESS));
		insert("list_%!x", NOW);
		insert("listy", NOW);
		assertThat(this.journal.queries()
			.listRuns(new RunQuery(null, "list-", null, null, null, false, null, null, null, null, false, 10)))
			.extracting(ListedRun::id)
			.containsExactly("list-0", "list-1", "list-2", "list-3", "list-4", "list-child");
		assertThat(this.journal.queries()
			.listRuns(new RunQuery(null, "list_%!", null, null, null, false, null, null, null, null, false, 10)))
			.as("_, % and ! match themselves only")
			.extracting(ListedRun::id)
			.containsExactly("list_%!x");
		assertThat(this.journal.queries()
			.listRuns(new RunQuery(WORKFLOW, "list-c", null, null, null, false, null, null, null, null, false, 10)))
			.extracting(ListedRun::id)
			.containsExactly("list-child");
	}

	@Test
	void runsAreCountedByState() {
		insert("running", NOW);
		insert("canceled", NOW);
		insert("failed", NOW);
		this.journal.runs().cancelRun("canceled", NOW, null);
		this.journal.runs().failRun("failed", "boom", NOW);

		assertThat(this.journal.queries().countByState()).isEqualTo(Map.of(WorkflowState.IN_PROGRESS, 1L,
				WorkflowState.COMPLETED, 0L, WorkflowState.FAILED, 1L, WorkflowState.CANCELED, 1L));
	}

	@Test
	void runsAreCountedPerMinuteAndByTheNodeHoldingThem() {
		insert("completes", NOW);
		insert("fails", NOW);
		insert("held", NOW);
		claimDue(NODE, NOW, 10);
		finish("completes", WorkflowState.COMPLETED, NOW);
		finish("fails", WorkflowState.FAILED, NOW.plusSeconds(61));
		Instant started = NOW.minusSeconds(60);

		assertThat(this.journal.queries().runsPerMinute(started)).containsExactly(new RunsInMinute(started, 3, 0, 0),
				new RunsInMinute(NOW, 0, 1, 0), new RunsInMinute(NOW.plusSeconds(60), 0, 0, 1));
		assertThat(this.journal.queries().runsPerMinute(NOW)).containsExactly(new RunsInMinute(NOW, 0, 1, 0),
				new RunsInMinute(NOW.plusSeconds(60), 0, 0, 1));
		assertThat(this.journal.queries().nodes()).extracting(NodeHolding::node, NodeHolding::holds)
			.contains(tuple(NODE, 1L))
			.doesNotContain(tuple(OTHER_NODE, 0L));
	}

	@Test
	void statisticsCountTheRunsInProgressByWhatTheyWaitForAndTheFailedOnes() {
		insert("due", NOW.minusSeconds(5));
		insert("due-unregistered", "other", NOW.minusSeconds(1), null);
		insert("leased", NOW);
		insert("waiting", NOW);
		insert("failed", NOW);
		this.journal.runs().claimRun("leased", NODE, NOW, NOW.plusSeconds(10));
		this.journal.runs().claimRun("waiting", NODE, NOW, NOW.plusSeconds(10));
		this.journal.runs().releaseWaiting("waiting", NODE, null, this.journal.runs().signals("waiting"), NOW);
		this.journal.runs().claimRun("failed", NODE, NOW, NOW.plusSeconds(10));
		this.journal.runs().finishRun(new FinishRecord("failed", NODE, WorkflowState.FAILED, null, "boom", NOW, null));
		this.journal.runs().recordHandlerError("leased", NODE, "handler down");
		insert("parked", NOW);
		this.journal.runs().claimRun("parked", NODE, NOW, NOW.plusSeconds(10));
		this.journal.runs().parkRun("parked", NODE, NOW.plusSeconds(60), "diverged");

		JournalStatistics statistics = this.journal.queries().statistics(NOW, Set.of(WORKFLOW));

		assertThat(statistics).isEqualTo(new JournalStatistics(5, 2, 2, 1, 1, 1, NOW.minusSeconds(5), 1, NOW));
		assertThat(statistics.backlogLag()).isEqualTo(Duration.ofSeconds(5));
		this.journal.runs().recordHandlerError("leased", null, null);
		assertThat(this.journal.queries().statistics(NOW, Set.of()).handlerFailing()).isZero();
	}

	private void insert(String id, Instant dueAt) {
		insert(id, WORKFLOW, dueAt, null);
	}

	/** Inserts a run created a millisecond after the one inserted before it. */
	private void insert(String id, String name, Instant dueAt, @Nullable String parentId) {
		Instant createdAt = NOW.minusSeconds(60).plusMillis(this.created++);
		assertThat(this.journal.runs()
			.insertRun(new NewRun(id, name, "[]", null, dueAt, createdAt, parentId, null, null, null, null, null, null,
					null, null)))
			.isTrue();
	}

	private List<String> claimDue(String node, Instant now, int limit) {
		return this.journal.runs()
			.claimDue(Set.of(WORKFLOW), node, now, now.plusSeconds(10), limit)
			.stream()
			.map(ClaimedRun::id)
			.toList();
	}

	private void finish(String id, WorkflowState state, Instant finishedAt) {
		String owner = this.journal.queries().findRun(id).orElseThrow().owner();
		assertThat(this.journal.runs().finishRun(new FinishRecord(id, owner, state, null, null, finishedAt, null)))
			.isTrue();
	}

	@Test
	void aQueueClaimTakesRunsOfTheWorkflowsTheNodeKnowsButCountsThePlacesOfAll() {
		insertQueued("elsewhere-held", "other", NOW.minusSeconds(3), 0);
		assertThat(claimQueue(Set.of("other"), new QueueStore.QueueLimits(null, null, null), OTHER_NODE, 1))
			.extracting(ClaimedRun::id)
			.containsExactly("elsewhere-held");
		insertQueued("elsewhere-due", "other", NOW.minusSeconds(2), 0);
		insertQueued("known-1", WORKFLOW, NOW.minusSeconds(1), 0);
		insertQueued("known-2", WORKFLOW, NOW, 0);

		assertThat(claimQueue(Set.of(WORKFLOW), new QueueStore.QueueLimits(2, null, null), NODE, 5))
			.extracting(ClaimedRun::id)
			.containsExactly("known-1");
	}

	@Test
	void aRunThatHasBegunIsClaimedPastAnyNumberOfRunsTheRateLimitHoldsBack() {
		QueueStore.QueueLimits onePerHour = new QueueStore.QueueLimits(null, 1, Duration.ofHours(1));
		insertQueued("begun", WORKFLOW, NOW.minusSeconds(10), 0);
		assertThat(claimQueue(Set.of(WORKFLOW), onePerHour, NODE, 1)).extracting(ClaimedRun::id)
			.containsExactly("begun");
		this.journal.runs().releaseRun("begun", NODE, NOW);
		for (int i = 0; i < 3; i++) {
			insertQueued("held-back-" + i, WORKFLOW, NOW.minusSeconds(5), -1);
		}

		assertThat(claimQueue(Set.of(WORKFLOW), onePerHour, NODE, 1)).extracting(ClaimedRun::id)
			.containsExactly("begun");
	}

	@Test
	void aQueueClaimRunAfterACallersJpaCommitHoldsTheQueueInATransactionOfItsOwn() {
		insertQueued("queued", WORKFLOW, NOW, 0);
		List<Boolean> queueLockedMeanwhile = new ArrayList<>();
		List<ClaimedRun> claimed = new ArrayList<>();

		new TransactionTemplate(new JpaTransactionManager(this.entityManagers))
			.executeWithoutResult((status) -> AfterCommit.run(() -> claimed.addAll(this.journal.queues()
				.claim("q", Set.of(WORKFLOW), new QueueStore.QueueLimits(1, null, null), NODE, () -> {
					queueLockedMeanwhile.add(queueLockedElsewhere());
					return NOW;
				}, (time) -> time.plusSeconds(10), 5))));

		assertThat(claimed).extracting(ClaimedRun::id).containsExactly("queued");
		assertThat(queueLockedMeanwhile).isNotEmpty().containsOnly(true);
	}

	private void insertQueued(String id, String name, Instant dueAt, int priority) {
		assertThat(this.journal.runs()
			.insertRun(new NewRun(id, name, "[]", null, dueAt, NOW, null, null, null, null, null, null, "q", priority,
					null)))
			.isTrue();
	}

	private List<ClaimedRun> claimQueue(Set<String> names, QueueStore.QueueLimits limits, String owner, int limit) {
		return this.journal.queues().claim("q", names, limits, owner, () -> NOW, (time) -> time.plusSeconds(10), limit);
	}

	/** Whether another transaction finds queue q's row locked. */
	private boolean queueLockedElsewhere() {
		try (Connection other = this.dataSource.getConnection()) {
			other.setAutoCommit(false);
			try (PreparedStatement statement = other
				.prepareStatement("SELECT name FROM workflow_queue WHERE name = 'q' FOR UPDATE SKIP LOCKED");
					ResultSet rows = statement.executeQuery()) {
				return !rows.next();
			}
			finally {
				other.rollback();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static FinishRecord completed(String id, String owner, @Nullable StepRecord lastStep) {
		return new FinishRecord(id, owner, WorkflowState.COMPLETED, "\"done\"", null, NOW.plusSeconds(1), lastStep);
	}

	private static StepRecord step(String runId, int sequence, StepState state) {
		return new StepRecord(runId, sequence, "step-" + sequence, state, 1, (state == StepState.FAILED) ? 1 : 0,
				(state == StepState.COMPLETED) ? "\"" + sequence + "\"" : null,
				(state == StepState.FAILED) ? "boom" : null, NOW, NOW, null);
	}

	private @Nullable String take(@Nullable String eventId) {
		EventRecord taken = this.journal.events().take("run-1", "approval", eventId, NOW);
		return (taken != null) ? taken.id() : null;
	}

	private RunQuery query(@Nullable WorkflowState state, @Nullable String parentId, @Nullable Instant createdFrom,
			@Nullable ListedRun after, boolean descending, int limit) {
		return new RunQuery(WORKFLOW, null, (state != null) ? state.name() : null, parentId, null, false, createdFrom,
				null, (after != null) ? after.createdAt() : null, (after != null) ? after.id() : null, descending,
				limit);
	}

	private List<ListedRun> list(RunQuery query) {
		return this.journal.queries().listRuns(query);
	}

}
