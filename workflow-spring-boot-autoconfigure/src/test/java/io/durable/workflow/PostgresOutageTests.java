package io.durable.workflow;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.durable.workflow.actuate.WorkflowHealthIndicator;
import io.durable.workflow.test.StoppablePostgres;
import io.durable.workflow.testapp.GatedWorkflow;
import io.durable.workflow.testapp.StepCounter;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * What a node does while its PostgreSQL (a server of this test's own) is stopped, and
 * once it is back. The claim loop polls as by default (the other tests' contexts switch
 * it off), and the leases last an hour: what moves runs on here is not their expiry.
 */
@SpringBootTest(classes = TestApplication.class,
		properties = { "workflow.poll-interval=1s", "workflow.lease.duration=1h" })
class PostgresOutageTests {

	/**
	 * Longer than a poll interval and its liveness check: the node sees its lock
	 * connection broken.
	 */
	private static final Duration OUTAGE = Duration.ofSeconds(4);

	@TempDir
	static Path directory;

	static StoppablePostgres database;

	@Autowired
	WorkflowHealthIndicator health;

	@Autowired
	WorkflowClient client;

	@Autowired
	GatedWorkflow.Steps gates;

	@Autowired
	StepCounter counter;

	@BeforeAll
	static void startTheDatabase() throws IOException {
		database = StoppablePostgres.start(directory.resolve("data"));
	}

	@AfterAll
	static void stopTheDatabase() throws IOException {
		database.close();
	}

	@DynamicPropertySource
	static void useTheDatabase(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", database::jdbcUrl);
		registry.add("workflow.jdbc.initialize-schema", () -> "always");
		registry.add("spring.sql.init.mode", () -> "always");
	}

	@Test
	void healthAnswersDownInTimeDuringAnOutageAndUpAfterIt() throws IOException {
		// UP once the claim loop has run since any earlier outage of this class's tests.
		await().atMost(Duration.ofSeconds(40)).until(() -> this.health.health().getStatus().equals(Status.UP));

		database.stop();
		// Pooled connections fail at once; once they are gone, the pool waits for a new
		// one.
		List<Health> during = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			during.add(this.health.health(true));
			return during.get(during.size() - 1).getDetails().containsKey("reason");
		});
		database.restart();

		assertThat(during).extracting(Health::getStatus).containsOnly(Status.DOWN);
		assertThat(during.get(during.size() - 1).getDetails()).containsEntry("reason",
				"The journal did not answer within PT2S");
		await().atMost(Duration.ofSeconds(40)).until(() -> this.health.health().getStatus().equals(Status.UP));
	}

	@Test
	void aRunWhoseStepEndedDuringAnOutageGoesOnOnceTheDatabaseIsBackWithoutWaitingForItsLease() throws Exception {
		WorkflowId id = this.client.start("gated");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.client.listSteps(id, ListQuery.first(10)).items(),
					(steps) -> steps.size() == 1 && steps.get(0).state() == StepState.RUNNING);

		database.stop();
		// The step ends while the journal cannot take its result; the outage is the
		// stimulus.
		this.gates.open(id.value());
		Thread.sleep(OUTAGE.toMillis());
		database.restart();

		assertThat(this.client.result(id, String.class, Duration.ofSeconds(60))).isEqualTo("next");
		// The step runs again after its lost result, maybe more than once as the node
		// finds its
		// lock gone; the journal counts at least the attempt it had journaled as running.
		int ran = this.counter.count(id.value(), "gate");
		assertThat(ran).isGreaterThanOrEqualTo(2);
		List<StepInfo> steps = this.client.listSteps(id, ListQuery.first(10)).items();
		assertThat(steps).extracting(StepInfo::name, StepInfo::state)
			.containsExactly(tuple("gate", StepState.COMPLETED), tuple("next", StepState.COMPLETED));
		assertThat(steps.get(0).attempts()).isBetween(2, ran);
	}

}
