package com.example.onboarding;

import java.time.Duration;

import io.durable.workflow.test.JsonHttp;
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
 * Operating the sample's workflows through actuator, secured: anonymous users see the
 * health status and nothing else, the operator reads workflows, streams and metrics but
 * changes nothing, the admin cancels, sends events (which the workflow checks: a wrong
 * code verifies nothing) and cleans up.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:onboarding-${random.uuid}", "sample.follow-up-delay=1s",
				"sample.content-failures=0" })
class OperationsApiTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	private JsonHttp anonymous;

	private JsonHttp operator;

	private JsonHttp admin;

	@BeforeEach
	void setUp() {
		this.anonymous = JsonHttp.localhost(this.port);
		this.operator = this.anonymous.withBasicAuth("operator", "operator");
		this.admin = this.anonymous.withBasicAuth("admin", "admin");
	}

	@Test
	void anonymousUsersSeeTheHealthStatusAndNothingElse() {
		String id = startOnboarding("anonymous-1");
		String workflow = "/actuator/workflows/" + id;

		JsonNode health = this.anonymous.get("/actuator/health").assertStatus(200).body();
		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.has("components")).as("details").isFalse();
		assertThat(this.anonymous.get("/actuator/workflows").status()).isEqualTo(401);
		assertThat(this.anonymous.get(workflow).status()).isEqualTo(401);
		assertThat(this.anonymous.get(workflow + "/stream").status()).isEqualTo(401);
		assertThat(this.anonymous.get("/actuator/metrics/workflow.runs.started").status()).isEqualTo(401);
		assertThat(this.anonymous.post(workflow + "/cancel").status()).isEqualTo(401);
		assertThat(this.anonymous.post(workflow + "/events/emailVerification", "{\"code\": \"123456\"}").status())
			.isEqualTo(401);
		assertThat(this.anonymous.delete(workflow).status()).isEqualTo(401);
		assertThat(this.operator.get(workflow).body().get("state").asString()).as("not canceled")
			.isEqualTo("IN_PROGRESS");
	}

	@Test
	void theOperatorReadsWorkflowsStreamsMetricsAndHealthButChangesNothing() {
		String id = startOnboarding("operated-1");
		String workflow = "/actuator/workflows/" + id;
		awaitVerificationWait(id);

		assertThat(this.operator.get("/actuator/workflows?name=userOnboarding")
			.assertStatus(200)
			.body()
			.get("workflows")
			.valueStream()
			.map((item) -> item.get("id").asString())).contains(id);
		JsonNode view = this.operator.get(workflow).assertStatus(200).body();
		assertThat(view.get("waits").get(0).get("event").asString()).isEqualTo("emailVerification");
		try (JsonHttp.EventStream stream = this.operator.stream(workflow + "/stream")) {
			await().atMost(TIMEOUT).until(() -> !stream.events().isEmpty());
			assertThat(stream.events().get(0).data().get("id").asString()).isEqualTo(id);
		}
		JsonNode started = this.operator.get("/actuator/metrics/workflow.runs.started?tag=workflow:userOnboarding")
			.assertStatus(200)
			.body();
		assertThat(started.get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(1);
		JsonNode health = this.operator.get("/actuator/health").assertStatus(200).body();
		assertThat(health.get("components").get("workflows").get("details").get("inProgress").asLong()).isPositive();

		assertThat(this.operator.post(workflow + "/cancel").status()).isEqualTo(403);
		assertThat(this.operator.post(workflow + "/events/emailVerification", "{\"code\": \"123456\"}").status())
			.isEqualTo(403);
		assertThat(this.operator.delete(workflow).status()).isEqualTo(403);
		assertThat(this.operator.get(workflow).body().get("state").asString()).isEqualTo("IN_PROGRESS");
	}

	@Test
	void theAdminSendsEventsCancelsAndCleansUp() {
		String verified = startOnboarding("admin-1");
		String canceled = startOnboarding("admin-2");
		awaitVerificationWait(verified);

		String event = "/actuator/workflows/" + verified + "/events/emailVerification";
		String code = new OnboardingDatabase(this.jdbc).verificationCode(verified);
		this.admin.post(event, "{\"code\": \"12\"}").assertStatus(400);
		// A well-formed but wrong code is sent, and the workflow's own check turns it
		// down: it waits on.
		this.admin.post(event, JsonHttp.object("code", OnboardingApi.otherCode(code))).assertStatus(204);
		JsonNode waitingAgain = await().atMost(TIMEOUT)
			.until(() -> this.admin.get("/actuator/workflows/" + verified).body(),
					(view) -> view.path("waits").size() == 1 && view.get("waits").get(0).get("sequence").asInt() > 2);
		assertThat(waitingAgain.get("state").asString()).isEqualTo("IN_PROGRESS");
		assertThat(waitingAgain.get("steps").valueStream().map((step) -> step.get("name").asString()))
			.doesNotContain("generateCustomContent");
		this.admin.post(event, JsonHttp.object("code", code)).assertStatus(204);
		JsonNode completed = await().atMost(TIMEOUT)
			.until(() -> this.admin.get("/actuator/workflows/" + verified).body(),
					(view) -> view.get("state").asString().equals("COMPLETED"));
		assertThat(completed.get("result").asString()).startsWith("Welcome aboard, Admin-1");

		JsonNode cancel = this.admin.post("/actuator/workflows/" + canceled + "/cancel").assertStatus(200).body();
		assertThat(cancel.get("state").asString()).isEqualTo("CANCELED");
		this.admin.delete("/actuator/workflows/" + canceled).assertStatus(200);
		this.admin.get("/actuator/workflows/" + canceled).assertStatus(404);
	}

	private String startOnboarding(String userId) {
		return this.anonymous.post("/api/onboarding?userId=" + userId)
			.assertStatus(202)
			.body()
			.get("workflowId")
			.asString();
	}

	private void awaitVerificationWait(String id) {
		await().atMost(TIMEOUT)
			.until(() -> this.operator.get("/actuator/workflows/" + id).body().path("waits").size() == 1);
	}

}
