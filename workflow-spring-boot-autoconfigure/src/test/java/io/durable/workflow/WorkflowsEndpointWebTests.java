package io.durable.workflow;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import io.durable.workflow.StartOptions;
import io.durable.workflow.journal.Journal;
import io.durable.workflow.journal.NewRun;
import io.durable.workflow.test.JsonHttp;
import io.durable.workflow.testapp.EventWorkflows;
import io.durable.workflow.testapp.FamilyWorkflows;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code workflows} actuator endpoint over real HTTP: listing, one workflow with its
 * steps, waits and children, cancel, cleanup, events, and every error as a JSON body.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet",
				"management.endpoints.web.exposure.include=workflows",
				"management.endpoint.workflows.access=unrestricted", "workflow.queues.pair.concurrency=2",
				"workflow.queues.pair.rate-limit.limit=100" })
abstract class WorkflowsEndpointWebTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@LocalServerPort
	int port;

	@Autowired
	WorkflowClient client;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Journal journal;

	private JsonHttp http;

	@BeforeEach
	void setUp() {
		this.http = JsonHttp.localhost(this.port);
	}

	@Test
	void aRunNoNodeCanRunShowsWhyItIsStalled() {
		// A run of a workflow no node registers (a deploy removed it), due for a day.
		new JournalRows(this.jdbc).run("stalled-orphan", "removed-workflow", "[]", null,
				Instant.now().minus(Duration.ofDays(1)));
		try {
			assertThat(this.http.get("/actuator/workflows/stalled-orphan").body().get("stalled").asString())
				.startsWith("No node has registered workflow 'removed-workflow': the run has been due since ");
		}
		finally {
			this.jdbc.sql("DELETE FROM workflow_run WHERE id = 'stalled-orphan'").update();
		}
	}

	@Test
	void listsWorkflowsNewestFirstPageByPageWithFilters() {
		Instant before = Instant.now();
		List<String> started = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			started.add(this.client.start(EventWorkflows.class, EventWorkflows::approval).value());
		}
		String sequence = this.client.start("sequence", 3).value();
		this.client.result(WorkflowId.of(sequence), Integer.class, TIMEOUT);

		List<JsonNode> approvals = all("name=approval&state=in_progress&size=2&createdFrom=" + before);
		assertThat(approvals).extracting((item) -> item.get("id").asString())
			.containsExactly(started.get(2), started.get(1), started.get(0));
		assertThat(approvals).allSatisfy((item) -> {
			assertThat(item.get("name").asString()).isEqualTo("approval");
			assertThat(item.get("state").asString()).isEqualTo("IN_PROGRESS");
			assertThat(Instant.parse(item.get("createdAt").asString())).isAfterOrEqualTo(before);
			assertThat(item.has("finishedAt")).isFalse();
		});
		assertThat(all("order=asc&createdFrom=" + before)).extracting((item) -> item.get("id").asString())
			.containsExactly(started.get(0), started.get(1), started.get(2), sequence);
		JsonNode completed = all("state=COMPLETED&createdFrom=" + before).get(0);
		assertThat(completed.get("id").asString()).isEqualTo(sequence);
		assertThat(completed.get("finishedAt").isString()).isTrue();
		assertThat(all("createdBefore=" + before)).extracting((item) -> item.get("id").asString())
			.doesNotContainAnyElementsOf(started);
	}

	@Test
	void showsACompletedWorkflowWithItsResultAndSteps() {
		WorkflowId id = this.client.start("sequence", 3);
		this.client.result(id, Integer.class, TIMEOUT);

		JsonNode workflow = this.http.get("/actuator/workflows/" + id).assertStatus(200).body();

		assertThat(workflow.get("id").asString()).isEqualTo(id.value());
		assertThat(workflow.get("name").asString()).isEqualTo("sequence");
		assertThat(workflow.get("state").asString()).isEqualTo("COMPLETED");
		assertThat(workflow.get("result").asInt()).as("the return value, as JSON").isEqualTo(3);
		assertThat(workflow.has("error")).isFalse();
		assertThat(workflow.get("waits")).isEmpty();
		assertThat(workflow.get("children")).isEmpty();
		assertThat(Instant.parse(workflow.get("finishedAt").asString()))
			.isAfterOrEqualTo(Instant.parse(workflow.get("createdAt").asString()));
		assertThat(workflow.get("steps").valueStream().toList()).hasSize(3).allSatisfy((step) -> {
			assertThat(step.get("name").asString()).isEqualTo("add");
			assertThat(step.get("state").asString()).isEqualTo("COMPLETED");
			assertThat(step.get("attempts").asInt()).isEqualTo(1);
			assertThat(step.get("startedAt").isString()).isTrue();
			assertThat(step.get("finishedAt").isString()).isTrue();
		});
		assertThat(workflow.get("steps").valueStream().map((step) -> step.get("result").asInt())).containsExactly(0, 1,
				3);
		assertThat(workflow.has("nextStepsCursor")).isFalse();
	}

	@Test
	void showsWhatAParentAndItsChildWaitFor() {
		WorkflowId parent = this.client.start(FamilyWorkflows.class, FamilyWorkflows::waits);
		String child = parent + "/0";
		JsonNode waiting = awaitWorkflow(child, (view) -> !view.get("waits").isEmpty());

		assertThat(waiting.get("parent").asString()).isEqualTo(parent.value());
		JsonNode wait = waiting.get("waits").get(0);
		assertThat(wait.get("step").asString()).isEqualTo(StepInfo.eventWait("go"));
		assertThat(wait.get("event").asString()).isEqualTo("go");
		assertThat(wait.has("until")).as("no timeout").isFalse();
		JsonNode parentView = this.http.get("/actuator/workflows/" + parent).assertStatus(200).body();
		assertThat(parentView.get("children").valueStream().map(JsonNode::asString)).containsExactly(child);
		assertThat(parentView.get("waits").get(0).get("child").asString()).isEqualTo(child);
		assertThat(parentView.get("waits").get(0).get("step").asString()).isEqualTo(StepInfo.child("kid-wait"));
		assertThat(all("parent=" + URLEncoder.encode(parent.value(), StandardCharsets.UTF_8)))
			.extracting((item) -> item.get("id").asString())
			.containsExactly(child);

		this.http.post("/actuator/workflows/" + child + "/events/go", "\"now\"").assertStatus(204);

		assertThat(this.client.result(parent, String.class, TIMEOUT)).isEqualTo("child now");
	}

	@Test
	void sendsEventsCheckedAgainstTheWorkflowsEventDefinition() {
		WorkflowId id = this.client.start(EventWorkflows.class, EventWorkflows::approval);
		awaitWorkflow(id.value(), (view) -> !view.get("waits").isEmpty());
		String events = "/actuator/workflows/" + id + "/events/approval";

		assertError(this.http.post(events, "{\"approver\": \" \", \"amount\": -1}"), 400,
				"Invalid value for event 'approval': amount: must be greater than 0; approver: must not be blank");
		JsonHttp.Response wrongType = this.http.post(events, "\"yes\"");
		assertThat(wrongType.status()).isEqualTo(400);
		assertThat(wrongType.body().get("message").asString())
			.startsWith("Invalid value for event 'approval': not JSON of a Approval: ");
		assertThat(this.http.post(events, "{\"approver\": ").body().get("message").asString())
			.startsWith("Invalid value for event 'approval': not JSON of a Approval: ");

		this.http.post(events, "{\"approver\": \"ada\", \"amount\": 42}").assertStatus(204);

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("ada approved 42");
		assertError(this.http.post(events), 400,
				"Cannot send event 'approval': workflow '" + id + "' has finished (COMPLETED)");
	}

	@Test
	void cancelsAWorkflowAndReturnsIt() {
		WorkflowId id = this.client.start(EventWorkflows.class, EventWorkflows::approval);
		awaitWorkflow(id.value(), (view) -> !view.get("waits").isEmpty());

		JsonNode canceled = this.http.post("/actuator/workflows/" + id + "/cancel").assertStatus(200).body();

		assertThat(canceled.get("state").asString()).isEqualTo("CANCELED");
		assertThat(canceled.get("waits")).as("dropped").isEmpty();
		assertThat(this.client.status(id)).isEqualTo(new WorkflowStatus.Canceled(Optional.empty()));
		JsonNode again = this.http.post("/actuator/workflows/" + id + "/cancel").assertStatus(200).body();
		assertThat(again.get("finishedAt").asString()).isEqualTo(canceled.get("finishedAt").asString());
	}

	@Test
	void listsTheQueuesWithTheirLimitsAndRuns() {
		WorkflowId waiting = this.client.start(EventWorkflows.class, EventWorkflows::approval,
				StartOptions.defaults().queue("pair"));
		awaitWorkflow(waiting.value(), (view) -> !view.get("waits").isEmpty());

		// A run of a queue renamed since: no node here claims it.
		String stranded = "stranded-" + UUID.randomUUID();
		Instant now = Instant.now();
		this.journal.runs()
			.insertRun(new NewRun(stranded, "approval", "[]", null, now, now, null, null, null, null, null, null,
					"retired", 0, null));

		JsonNode queues = this.http.get("/actuator/workflows/queues").assertStatus(200).body().get("queues");

		JsonNode queue = queues.get(0);
		assertThat(queue.get("name").asString()).isEqualTo("pair");
		assertThat(queue.get("configured").asBoolean()).isTrue();
		assertThat(queue.get("concurrency").asInt()).isEqualTo(2);
		assertThat(queue.get("rateLimit").asInt()).isEqualTo(100);
		assertThat(queue.get("ratePeriod").asString()).isEqualTo("PT1S");
		assertThat(queue.get("runs").get("inProgress").asInt()).isEqualTo(1);
		assertThat(queue.get("runs").get("executing").asInt()).as("waiting for an event").isZero();
		assertThat(queue.get("runs").get("depth").asInt()).isZero();
		JsonNode retired = queues.get(queues.size() - 1);
		assertThat(retired.get("name").asString()).isEqualTo("retired");
		assertThat(retired.get("configured").asBoolean()).isFalse();
		assertThat(retired.has("concurrency")).isFalse();
		assertThat(retired.get("runs").get("depth").asInt()).isEqualTo(1);
		this.client.cancel(waiting);
		this.client.cancel(WorkflowId.of(stranded));
	}

	@Test
	void resumesACanceledWorkflowAndRefusesOneInProgress() {
		WorkflowId id = this.client.start(EventWorkflows.class, EventWorkflows::approval);
		awaitWorkflow(id.value(), (view) -> !view.get("waits").isEmpty());
		assertError(this.http.post("/actuator/workflows/" + id + "/resume"), 400,
				"Cannot resume workflow '" + id + "': it is IN_PROGRESS; only a failed or canceled run can be resumed");
		this.client.cancel(id);

		JsonNode resumed = this.http.post("/actuator/workflows/" + id + "/resume").assertStatus(200).body();

		assertThat(resumed.get("state").asString()).isEqualTo("IN_PROGRESS");
		awaitWorkflow(id.value(), (view) -> !view.get("waits").isEmpty());
		this.client.sendEvent(id, EventWorkflows.APPROVAL, new EventWorkflows.Approval("ada", 7));
		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("ada approved 7");
	}

	@Test
	void forksAWorkflowFromAStepGivenInTheBodyOrTheQuery() {
		WorkflowId id = this.client.start("sequence", 3);
		this.client.result(id, Object.class, TIMEOUT);

		JsonNode fork = this.http.post("/actuator/workflows/" + id + "/fork", "{\"fromStep\": 2}")
			.assertStatus(200)
			.body();

		WorkflowId forkId = WorkflowId.of(fork.get("id").asString());
		assertThat(fork.get("forkedFrom").asString()).isEqualTo(id.value());
		assertThat(this.client.result(forkId, Object.class, TIMEOUT))
			.isEqualTo(this.client.result(id, Object.class, TIMEOUT));
		JsonNode fromQuery = this.http.post("/actuator/workflows/" + id + "/fork?fromStep=0").assertStatus(200).body();
		assertThat(fromQuery.get("forkedFrom").asString()).isEqualTo(id.value());
		assertError(this.http.post("/actuator/workflows/" + id + "/fork", "{\"fromStep\": 9}"), 400,
				"Cannot fork workflow '" + id + "' from step 9: its journal holds 3 steps; fork from 0 to 3");
	}

	@Test
	void failsAWorkflowInProgressWithTheReasonGivenAndRefusesAFinishedOne() {
		WorkflowId id = this.client.start(EventWorkflows.class, EventWorkflows::approval);
		awaitWorkflow(id.value(), (view) -> !view.get("waits").isEmpty());
		assertError(this.http.post("/actuator/workflows/" + id + "/fail", "{}"), 400,
				"POST {\"reason\": \"...\"} to /workflows/" + id + "/fail: the reason becomes the run's error");

		JsonNode failed = this.http.post("/actuator/workflows/" + id + "/fail", "{\"reason\": \"no longer needed\"}")
			.assertStatus(200)
			.body();

		assertThat(failed.get("state").asString()).isEqualTo("FAILED");
		assertThat(failed.get("error").asString()).isEqualTo("no longer needed");
		assertThat(this.client.status(id)).isEqualTo(new WorkflowStatus.Failed("no longer needed"));
		assertError(this.http.post("/actuator/workflows/" + id + "/fail", "{\"reason\": \"again\"}"), 400,
				"Cannot fail it: workflow '" + id + "' has finished (FAILED)");
	}

	@Test
	void listsTheParkedRunsWithWhy() {
		new JournalRows(this.jdbc).run("parked-run", "changed-workflow", "[]", null,
				Instant.now().plus(Duration.ofDays(1)));
		this.jdbc.sql("UPDATE workflow_run SET stalled = 'diverged at step #1' WHERE id = 'parked-run'").update();
		try {
			JsonNode page = this.http.get("/actuator/workflows?stalled=true").assertStatus(200).body();
			assertThat(page.get("workflows")
				.valueStream()
				.map((run) -> run.get("id").asString() + ": " + run.get("stalled").asString()))
				.containsExactly("parked-run: diverged at step #1");
			assertError(this.http.get("/actuator/workflows?stalled=yes"), 400,
					"Malformed stalled 'yes': true or false");
		}
		finally {
			this.jdbc.sql("DELETE FROM workflow_run WHERE id = 'parked-run'").update();
		}
	}

	@Test
	void listsTheRunsWhoseIdStartsWithAPrefix() {
		String order = "order-" + UUID.randomUUID();
		WorkflowId first = this.client.start("sequence", StartOptions.defaults().id(order + "/payment"), 1);
		WorkflowId second = this.client.start("sequence", StartOptions.defaults().id(order + "/shipping"), 1);
		this.client.start("sequence", StartOptions.defaults().id(order + "0"), 1);

		JsonNode page = this.http.get("/actuator/workflows?idPrefix=" + order + "/").assertStatus(200).body();

		assertThat(page.get("workflows").valueStream().map((run) -> run.get("id").asString()))
			.containsExactly(second.value(), first.value());
	}

	@Test
	void theDashboardIsNotServedUnlessEnabled() {
		assertThat(this.http.get("/workflows/api/runs").status()).isEqualTo(404);
		assertThat(this.http.get("/workflows/index.html").status()).isEqualTo(404);
	}

	@Test
	void exportsARunsJournal() {
		WorkflowId id = this.client.start("sequence", 2);
		this.client.result(id, Integer.class, TIMEOUT);

		JsonNode journal = this.http.get("/actuator/workflows/" + id + "/journal").assertStatus(200).body();

		assertThat(journal.get("id").asString()).isEqualTo(id.value());
		assertThat(journal.get("workflow").asString()).isEqualTo("sequence");
		assertThat(journal.get("state").asString()).isEqualTo("COMPLETED");
		assertThat(journal.get("arguments").asString()).isEqualTo("[2]");
		assertThat(journal.get("steps")).hasSize(2);
		assertThat(journal.get("steps").get(1).get("name").asString()).isEqualTo("add");
		assertError(this.http.get("/actuator/workflows/no/such/journal"), 404, "No workflow with id 'no/such' exists");
	}

	@Test
	void cleansUpAFinishedWorkflowAndRefusesOneInProgress() {
		WorkflowId running = this.client.start(EventWorkflows.class, EventWorkflows::approval);
		assertError(this.http.delete("/actuator/workflows/" + running), 400,
				"Cannot clean it up: workflow '" + running + "' is still in progress; cancel it first");
		WorkflowId finished = this.client.start("sequence", 2);
		this.client.result(finished, Integer.class, TIMEOUT);

		JsonNode deleted = this.http.delete("/actuator/workflows/" + finished).assertStatus(200).body();
		assertThat(deleted.get("id").asString()).isEqualTo(finished.value());
		assertThat(deleted.get("state").asString()).isEqualTo("COMPLETED");

		assertError(this.http.get("/actuator/workflows/" + finished), 404,
				"No workflow with id '" + finished + "' exists");
		this.client.cancel(running);
	}

	@Test
	void anUnknownWorkflowIsNotFoundWhateverTheOperation() {
		String message = "No workflow with id 'no/such' exists";
		assertError(this.http.get("/actuator/workflows/no/such"), 404, message);
		assertError(this.http.post("/actuator/workflows/no/such/cancel"), 404, message);
		assertError(this.http.post("/actuator/workflows/no/such/events/go", "1"), 404, message);
		assertError(this.http.delete("/actuator/workflows/no/such"), 404, message);
	}

	@Test
	void badInputIsABadRequestThatSaysWhatIsWrong() {
		assertError(this.http.get("/actuator/workflows?cursor=not-a-cursor"), 400,
				"Malformed cursor 'not-a-cursor': pass a nextCursor() of a page of the same listing");
		assertError(this.http.get("/actuator/workflows?state=WAITING"), 400,
				"state must be one of [IN_PROGRESS, COMPLETED, FAILED, CANCELED], got 'WAITING'");
		assertError(this.http.get("/actuator/workflows?size=ten"), 400,
				"size must be a number from 1 to 1000, got 'ten'");
		assertError(this.http.get("/actuator/workflows?size=1001"), 400,
				"Page size must be between 1 and 1000, got 1001");
		assertError(this.http.get("/actuator/workflows?order=up"), 400, "order must be 'asc' or 'desc', got 'up'");
		assertError(this.http.get("/actuator/workflows?createdFrom=yesterday"), 400,
				"createdFrom must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, got 'yesterday'");
		WorkflowId id = this.client.start("sequence", 1);
		assertError(this.http.get("/actuator/workflows/" + id + "?stepsAfter=first"), 400,
				"Malformed cursor 'first': pass a nextCursor() of a step page");
		assertError(this.http.post("/actuator/workflows/" + id + "/pause"), 400,
				"POST to /workflows/{id}/cancel to cancel a workflow, /workflows/{id}/resume to resume it,"
						+ " /workflows/{id}/fork with {\"fromStep\": n} to fork it, /workflows/{id}/fail with"
						+ " {\"reason\": \"...\"} to fail it, or /workflows/{id}/events/{name} to send it an event;"
						+ " got /workflows/" + id + "/pause");
		assertError(this.http.post("/actuator/workflows/" + id + "/fork"), 400,
				"POST {\"fromStep\": n} to /workflows/" + id + "/fork: the fork runs afresh from that position on");
	}

	/** Every page of a listing, following the cursors. */
	private List<JsonNode> all(String query) {
		List<JsonNode> items = new ArrayList<>();
		String cursor = null;
		do {
			String after = (cursor != null) ? "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8) : "";
			JsonNode page = this.http.get("/actuator/workflows?" + query + after).assertStatus(200).body();
			page.get("workflows").valueStream().forEach(items::add);
			JsonNode next = page.get("nextCursor");
			cursor = (next != null) ? next.asString() : null;
		}
		while (cursor != null);
		return items;
	}

	private JsonNode awaitWorkflow(String id, Predicate<JsonNode> condition) {
		return await().atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.http.get("/actuator/workflows/" + id).body(),
					(view) -> view.has("id") && condition.test(view));
	}

	private static void assertError(JsonHttp.Response response, int status, String message) {
		response.assertStatus(status);
		assertThat(response.body().propertyNames()).containsExactlyInAnyOrder("status", "error", "message");
		assertThat(response.body().get("status").asInt()).isEqualTo(status);
		assertThat(response.body().get("message").asString()).isEqualTo(message);
		assertThat(response.text()).doesNotContain("at io.durable");
	}

}
