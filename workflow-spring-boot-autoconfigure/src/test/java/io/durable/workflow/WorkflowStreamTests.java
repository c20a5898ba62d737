package io.durable.workflow;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.durable.workflow.test.JsonHttp;
import io.durable.workflow.testapp.EventWorkflows;
import io.durable.workflow.testapp.EventWorkflows.Approval;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live status stream, {@code GET /actuator/workflows/{id}/stream}, over real HTTP:
 * the current state first, then every change, also those made by another application (a
 * second context, another node) on the same database, until the run has finished. The
 * subclasses give both applications one database.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "workflow.node-id=streaming-node",
				"workflow.poll-interval=100ms", "management.endpoints.web.exposure.include=workflows",
				"management.endpoint.workflows.access=unrestricted" })
@TestInstance(Lifecycle.PER_CLASS)
abstract class WorkflowStreamTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	/**
	 * The other node: it runs the workflows whose stream this test's application serves.
	 */
	private ConfigurableApplicationContext otherNode;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private JsonHttp http;

	/** The database both applications share, as Spring properties. */
	abstract Map<String, Object> sharedDatabase();

	/** Points a test's application at a database. */
	static void use(Map<String, Object> database, DynamicPropertyRegistry registry) {
		database.forEach((name, value) -> registry.add(name, () -> value));
	}

	@BeforeAll
	void startTheOtherNode() {
		this.otherNode = new SpringApplicationBuilder(TestApplication.class).web(WebApplicationType.NONE)
			.properties(sharedDatabase())
			.properties("workflow.node-id=working-node", "workflow.poll-interval=100ms")
			.run();
	}

	@AfterAll
	void stopTheOtherNode() {
		if (this.otherNode != null) {
			this.otherNode.close();
		}
	}

	@BeforeEach
	void setUp() {
		this.http = JsonHttp.localhost(this.port);
	}

	@Test
	void aStreamSendsTheStateFirstThenEveryChangeMadeOnAnotherNodeUntilTheRunFinishes() {
		WorkflowClient elsewhere = this.otherNode.getBean(WorkflowClient.class);
		WorkflowId id = elsewhere.start(EventWorkflows.class, EventWorkflows::approval);
		await().atMost(TIMEOUT).until(() -> elsewhere.listSteps(id, ListQuery.first(5)).items().size() == 2);

		try (JsonHttp.EventStream first = this.http.stream("/actuator/workflows/" + id + "/stream");
				JsonHttp.EventStream second = this.http.stream("/actuator/workflows/" + id + "/stream")) {
			for (JsonHttp.EventStream stream : List.of(first, second)) {
				JsonNode current = await().atMost(TIMEOUT).until(() -> latest(stream), (event) -> event != null);
				assertThat(current.get("id").asString()).isEqualTo(id.value());
				assertThat(current.get("state").asString()).isEqualTo("IN_PROGRESS");
				assertThat(current.get("waits").get(0).get("event").asString()).isEqualTo("approval");
				assertThat(stream.events()).allSatisfy((event) -> assertThat(event.name()).isEqualTo("workflow"));
			}
			assertOneWatchOfTheDatabase(id);

			elsewhere.sendEvent(id, EventWorkflows.APPROVAL, new Approval("ada", 7));

			for (JsonHttp.EventStream stream : List.of(first, second)) {
				await().atMost(TIMEOUT).until(stream::ended);
				JsonNode last = latest(stream);
				assertThat(last.get("state").asString()).isEqualTo("COMPLETED");
				assertThat(last.get("result").asString()).isEqualTo("ada approved 7");
				assertThat(last.get("steps").valueStream().map((step) -> step.get("name").asString()))
					.containsExactly("mark", StepInfo.eventWait("approval"), "mark");
				assertThat(stream.events()).extracting((event) -> event.data().get("state").asString())
					.startsWith("IN_PROGRESS")
					.endsWith("COMPLETED");
				// Each event a change: the wait received, the step after it, the outcome
				// (some may come as one).
				assertThat(stream.events()).extracting((event) -> event.data().toString())
					.doesNotHaveDuplicates()
					.hasSizeLessThanOrEqualTo(4);
			}
		}
	}

	@Test
	void aFinishedRunIsStreamedOnceAndTheStreamEnds() {
		WorkflowClient elsewhere = this.otherNode.getBean(WorkflowClient.class);
		WorkflowId id = elsewhere.start("sequence", 2);
		elsewhere.result(id, Integer.class, TIMEOUT);

		try (JsonHttp.EventStream stream = this.http.stream("/actuator/workflows/" + id + "/stream")) {
			await().atMost(TIMEOUT).until(stream::ended);
			assertThat(stream.status()).isEqualTo(200);
			assertThat(stream.events()).singleElement()
				.satisfies((event) -> assertThat(event.data().get("state").asString()).isEqualTo("COMPLETED"));
		}
	}

	@Test
	void anUnknownRunHasNoStream() {
		JsonHttp.Response response = this.http.get("/actuator/workflows/no/such/stream");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.body().get("message").asString()).isEqualTo("No workflow with id 'no/such' exists");
	}

	/**
	 * Two clients of one run, one watch of the database: on PostgreSQL, one row for the
	 * run and one listening connection. Elsewhere the database holds no watch (one poll
	 * serves all runs).
	 */
	abstract void assertOneWatchOfTheDatabase(WorkflowId id);

	private static JsonNode latest(JsonHttp.EventStream stream) {
		List<JsonHttp.Event> events = stream.events();
		return events.isEmpty() ? null : events.get(events.size() - 1).data();
	}

}
