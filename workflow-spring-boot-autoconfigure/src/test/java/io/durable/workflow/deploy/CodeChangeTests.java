package io.durable.workflow.deploy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.durable.workflow.ListQuery;
import io.durable.workflow.NonDeterministicWorkflowException;
import io.durable.workflow.StepInfo;
import io.durable.workflow.StepState;
import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowFailedException;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.WorkflowStatus;
import io.durable.workflow.WorkflowSummary;
import io.durable.workflow.deploy.appended.OrderFlowAppended;
import io.durable.workflow.deploy.deprecated.OrderFlowDeprecated;
import io.durable.workflow.deploy.diverging.OrderFlowDiverging;
import io.durable.workflow.deploy.evolved.PayloadFlowEvolved;
import io.durable.workflow.deploy.incompatible.PayloadFlowIncompatible;
import io.durable.workflow.deploy.patched.OrderFlowPatched;
import io.durable.workflow.deploy.payloadv1.PayloadFlowV1;
import io.durable.workflow.deploy.v1.OrderFlowV1;
import io.durable.workflow.engine.WorkflowEngine;
import io.durable.workflow.test.WorkflowReplayer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Deploys that change a workflow's code while runs of it wait: applications registering
 * different versions of one workflow ({@link OrderFlow}) run one after the other on one
 * database, as a deploy replaces one version with the next. Appended steps and patched
 * changes carry the waiting runs on; a run that diverges is parked, not failed, and
 * finishes once its code is back. The subclasses give the database.
 */
abstract class CodeChangeTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	/** The database every version's application uses, as Spring properties. */
	abstract Map<String, Object> database();

	@Test
	void runsWaitingUnderTheOldCodeFinishUnderCodeThatAppendsSteps() {
		WorkflowId run = waiting(OrderFlowV1.class, OrderFlow.NAME, "workflow.code-version=1.0");
		try (ConfigurableApplicationContext v2 = deploy(OrderFlowAppended.class, "workflow.code-version=2.0")) {
			WorkflowClient client = client(v2);
			client.sendEvent(run, OrderFlow.GO);
			client.sendEvent(run, OrderFlow.GO);

			assertThat(client.result(run, String.class, TIMEOUT)).isEqualTo("appended");
			assertThat(client.describe(run)).extracting(WorkflowSummary::startedVersion, WorkflowSummary::lastVersion)
				.containsExactly("1.0", "2.0");
			assertThat(client.list(ListQuery.first(10).startedVersion("1.0")).items()).extracting(WorkflowSummary::id)
				.contains(run);
			assertThat(client.list(ListQuery.first(10).startedVersion("2.0")).items()).extracting(WorkflowSummary::id)
				.doesNotContain(run);
			assertThat(names(client, run)).containsExactly("reserve", "awaitEvent:go", "awaitEvent:go", "charge",
					"ship");
			assertThat(executions(v2).count("reserve")).isZero();
			assertThat(executions(v2).count("ship")).isEqualTo(1);
		}
	}

	@Test
	void runsSleepingUnderTheOldCodeFinishUnderCodeThatAppendsSteps() {
		WorkflowId run;
		try (ConfigurableApplicationContext v1 = deploy(OrderFlowV1.class)) {
			run = client(v1).start(OrderFlow.NAP_FLOW, "order");
			awaitWaiting(client(v1), run, 2);
		}
		try (ConfigurableApplicationContext v2 = deploy(OrderFlowAppended.class)) {
			WorkflowClient client = client(v2);

			assertThat(client.result(run, String.class, TIMEOUT)).isEqualTo("appended");
			assertThat(names(client, run)).containsExactly("reserve", StepInfo.SLEEP, "charge", "ship");
		}
	}

	@Test
	void patchedTakesTheOldPathForOldRunsAndTheNewOneForNewRunsInEveryReplay() {
		WorkflowId old = waiting(OrderFlowV1.class, OrderFlow.NAME);
		WorkflowId patched;
		try (ConfigurableApplicationContext v2 = deploy(OrderFlowPatched.class)) {
			WorkflowClient client = client(v2);
			WorkflowId fresh = start(v2);
			patched = start(v2);
			awaitWaiting(client, fresh, 4);
			awaitWaiting(client, patched, 4);
			assertThat(names(client, fresh)).containsExactly("reserve", StepInfo.PATCH_PREFIX + "receipt", "receipt",
					"awaitEvent:go");
			// Each event releases the runs and wakes them: a replay of their journals.
			for (WorkflowId run : List.of(old, fresh)) {
				client.sendEvent(run, OrderFlow.GO);
			}
			awaitWaiting(client, old, 3);
			awaitWaiting(client, fresh, 5);
			for (WorkflowId run : List.of(old, fresh)) {
				client.sendEvent(run, OrderFlow.GO);
			}

			assertThat(client.result(old, String.class, TIMEOUT)).isEqualTo("patched receipt=false");
			assertThat(client.result(fresh, String.class, TIMEOUT)).isEqualTo("patched receipt=true");
			assertThat(names(client, old)).containsExactly("reserve", "awaitEvent:go", "awaitEvent:go", "charge");
			assertThat(executions(v2).count("receipt")).as("the fresh run's and the one left waiting").isEqualTo(2);
		}
		try (ConfigurableApplicationContext v3 = deploy(OrderFlowDeprecated.class)) {
			WorkflowClient client = client(v3);
			WorkflowId fresh = start(v3);
			awaitWaiting(client, fresh, 3);
			for (WorkflowId run : List.of(patched, fresh)) {
				client.sendEvent(run, OrderFlow.GO);
				client.sendEvent(run, OrderFlow.GO);
			}

			assertThat(client.result(patched, String.class, TIMEOUT)).isEqualTo("deprecated");
			assertThat(client.result(fresh, String.class, TIMEOUT)).isEqualTo("deprecated");
			assertThat(names(client, fresh)).containsExactly("reserve", "receipt", "awaitEvent:go", "awaitEvent:go",
					"charge");
			assertThat(executions(v3).count("receipt")).as("the fresh run's only").isEqualTo(1);
		}
	}

	@Test
	void aRunThatDivergesIsParkedNotFailedAndFinishesOnceItsCodeIsBack() {
		WorkflowId run = waiting(OrderFlowV1.class, OrderFlow.NAME);
		try (ConfigurableApplicationContext v2 = deploy(OrderFlowDiverging.class)) {
			WorkflowClient client = client(v2);
			client.sendEvent(run, OrderFlow.GO);

			String stalled = awaitStalled(client, run);
			assertThat(stalled).contains("step #1", "called 'validate'", "recorded 'awaitEvent:go'",
					"Workflows.patched");
			assertThat(client.status(run).state()).isEqualTo(WorkflowState.IN_PROGRESS);
			assertThat(v2.getBean(WorkflowEngine.class).statistics().stalled()).isEqualTo(1);
			assertThat(executions(v2).count("validate")).isZero();
		}
		try (ConfigurableApplicationContext v1 = deploy(OrderFlowV1.class)) {
			WorkflowClient client = client(v1);
			awaitWaiting(client, run, 3);
			assertThat(client.status(run)).isInstanceOfSatisfying(WorkflowStatus.InProgress.class,
					(inProgress) -> assertThat(inProgress.stalled()).as("cleared by the claim").isEmpty());
			client.sendEvent(run, OrderFlow.GO);

			assertThat(client.result(run, String.class, TIMEOUT)).isEqualTo("v1");
			assertThat(names(client, run)).containsExactly("reserve", "awaitEvent:go", "awaitEvent:go", "charge");
		}
	}

	@Test
	void withOnDivergenceFailARunThatDivergesFails() {
		WorkflowId run = waiting(OrderFlowV1.class, OrderFlow.NAME);
		try (ConfigurableApplicationContext v2 = deploy(OrderFlowDiverging.class, "workflow.on-divergence=fail")) {
			WorkflowClient client = client(v2);
			client.sendEvent(run, OrderFlow.GO);

			assertThatExceptionOfType(WorkflowFailedException.class)
				.isThrownBy(() -> client.result(run, String.class, TIMEOUT))
				.withMessageContaining("not deterministic")
				.withMessageContaining("called 'validate'");
		}
	}

	@Test
	void payloadsThatGainedOrLostPropertiesAndMethodsThatGainedAParameterReadRunsStartedBefore() {
		WorkflowId run = waiting(PayloadFlowV1.class, PayloadFlowV1.NAME);
		try (ConfigurableApplicationContext v2 = deploy(PayloadFlowEvolved.class)) {
			WorkflowClient client = client(v2);
			client.sendEvent(run, OrderFlow.GO);

			assertThat(client.result(run, String.class, TIMEOUT))
				.isEqualTo("evolved Reservation[id=order-r, warehouse=null] priority=0");
		}
	}

	@Test
	void aPayloadThatNoLongerReadsBackParksTheRunNamingTheTypeAndProperty() {
		WorkflowId run = waiting(PayloadFlowV1.class, PayloadFlowV1.NAME);
		try (ConfigurableApplicationContext v2 = deploy(PayloadFlowIncompatible.class)) {
			WorkflowClient client = client(v2);
			client.sendEvent(run, OrderFlow.GO);

			assertThat(awaitStalled(client, run)).contains("cannot read back what its journal holds",
					"the journaled result of step 'reserve'",
					PayloadFlowIncompatible.Reservation.class.getName() + " at property 'quantity'");
		}
		try (ConfigurableApplicationContext v1 = deploy(PayloadFlowV1.class)) {
			assertThat(client(v1).result(run, String.class, TIMEOUT))
				.isEqualTo("v1 Reservation[id=order-r, quantity=2]");
		}
	}

	@Test
	void theReplayerChecksExportedJournalsAgainstTheCodeWithoutRunningOrWritingAnything() {
		WorkflowId waiting;
		WorkflowId finished;
		String waitingJournal;
		String finishedJournal;
		try (ConfigurableApplicationContext v1 = deploy(OrderFlowV1.class)) {
			WorkflowClient client = client(v1);
			waiting = start(v1);
			finished = start(v1);
			client.sendEvent(finished, OrderFlow.GO);
			client.sendEvent(finished, OrderFlow.GO);
			client.result(finished, String.class, TIMEOUT);
			awaitWaiting(client, waiting, 2);
			waitingJournal = client.exportJournal(waiting);
			finishedJournal = client.exportJournal(finished);
			v1.getBean(WorkflowReplayer.class).replay(waitingJournal);
			v1.getBean(WorkflowReplayer.class).replay(finishedJournal);
			WorkflowId failed = client.start(OrderFlow.FAILING_FLOW, "order");
			assertThatExceptionOfType(WorkflowFailedException.class)
				.isThrownBy(() -> client.result(failed, String.class, TIMEOUT));
			v1.getBean(WorkflowReplayer.class).replay(client.exportJournal(failed));
		}
		assertThat(waitingJournal).contains("\"workflow\" : \"order-flow\"", "\"name\" : \"awaitEvent:go\"",
				"\"state\" : \"WAITING\"");
		try (ConfigurableApplicationContext v2 = deploy(OrderFlowAppended.class)) {
			v2.getBean(WorkflowReplayer.class).replay(waitingJournal);
			v2.getBean(WorkflowReplayer.class).replay(finishedJournal);

			assertThat(executions(v2).count("ship")).as("the appended step is where the journal ends").isZero();
			assertThat(client(v2).exportJournal(finished)).as("nothing written").isEqualTo(finishedJournal);
		}
		try (ConfigurableApplicationContext v2 = deploy(OrderFlowDiverging.class)) {
			WorkflowReplayer replayer = v2.getBean(WorkflowReplayer.class);

			assertThatExceptionOfType(NonDeterministicWorkflowException.class)
				.isThrownBy(() -> replayer.replay(waitingJournal))
				.withMessageContaining("step #1 it called 'validate', but the journal recorded 'awaitEvent:go'");
			assertThatExceptionOfType(NonDeterministicWorkflowException.class)
				.isThrownBy(() -> replayer.replay(finishedJournal))
				.withMessageContaining("step #1");
			assertThat(executions(v2).count("reserve") + executions(v2).count("validate")).as("no step ran").isZero();
			assertThat(client(v2).exportJournal(waiting)).as("nothing written").isEqualTo(waitingJournal);
			assertThat(client(v2).status(waiting).state()).isEqualTo(WorkflowState.IN_PROGRESS);
			assertThatIllegalArgumentException().isThrownBy(() -> replayer.replay("{\"format\": 1}"))
				.withMessage("The journal has no array 'steps'");
			client(v2).cancel(waiting);
		}
	}

	/**
	 * Starts a run of a workflow on an application, and stops the application once the
	 * run waits for its first event.
	 */
	private WorkflowId waiting(Class<?> application, String workflow, String... properties) {
		try (ConfigurableApplicationContext context = deploy(application, properties)) {
			WorkflowId run = client(context).start(workflow, "order");
			awaitWaiting(client(context), run, 2);
			return run;
		}
	}

	private ConfigurableApplicationContext deploy(Class<?> application, String... properties) {
		return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.properties(database())
			.properties(properties)
			.run();
	}

	private static WorkflowClient client(ConfigurableApplicationContext context) {
		return context.getBean(WorkflowClient.class);
	}

	private static OrderFlow executions(ConfigurableApplicationContext context) {
		return context.getBean(OrderFlow.class);
	}

	private static WorkflowId start(ConfigurableApplicationContext context) {
		return client(context).start(OrderFlow.NAME, "order");
	}

	/**
	 * Waits until the run's journal holds this many steps, the last one an event wait.
	 */
	private static void awaitWaiting(WorkflowClient client, WorkflowId run, int steps) {
		await().atMost(TIMEOUT).untilAsserted(() -> {
			List<StepInfo> journal = client.listSteps(run, ListQuery.first(20)).items();
			assertThat(journal).hasSize(steps);
			assertThat(journal.get(steps - 1).state()).isEqualTo(StepState.WAITING);
		});
	}

	/** Waits until the run is parked, and returns why. */
	private static String awaitStalled(WorkflowClient client, WorkflowId run) {
		return await().atMost(TIMEOUT)
			.until(() -> (client.status(run) instanceof WorkflowStatus.InProgress inProgress)
					? inProgress.stalled().orElse(null) : null, Objects::nonNull);
	}

	private static List<String> names(WorkflowClient client, WorkflowId run) {
		return client.listSteps(run, ListQuery.first(20)).items().stream().map(StepInfo::name).toList();
	}

}
