package com.example.onboarding;

import java.util.List;

import io.durable.workflow.test.JsonHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's own {@code /api/workflows}, secured as actuator is: anonymous callers may
 * neither read nor cancel, the operator reads but cancels nothing, the admin cancels; the
 * end users' onboarding API stays open. The settings are those of
 * {@link OperationsApiTests}, so the two share an application.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:onboarding-${random.uuid}", "sample.follow-up-delay=1s",
				"sample.content-failures=0" })
class WorkflowApiSecurityTests {

	@LocalServerPort
	int port;

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
	void anonymousCallersMayNeitherListNorReadNorCancelWorkflows() {
		String id = startOnboarding("api-anonymous-1");

		assertThat(this.anonymous.get("/api/workflows").status()).isEqualTo(401);
		assertThat(this.anonymous.get("/api/workflows?name=userOnboarding").status()).isEqualTo(401);
		assertThat(this.anonymous.get("/api/workflows/" + id).status()).isEqualTo(401);
		assertThat(this.anonymous.post("/api/workflows/" + id + "/cancel").status()).isEqualTo(401);
		assertThat(this.anonymous.withBasicAuth("operator", "wrong").get("/api/workflows/" + id).status())
			.as("wrong password")
			.isEqualTo(401);
		assertThat(state(id)).as("not canceled").isEqualTo("IN_PROGRESS");
	}

	@Test
	void theDashboardAsksForALoginAndTakesNoBasicCredentials() {
		String id = startOnboarding("api-dashboard-1");

		for (JsonHttp caller : List.of(this.anonymous, this.operator)) {
			JsonHttp.Response page = caller.get("/workflows/api/run?id=" + id);
			assertThat(page.status()).isEqualTo(302);
			assertThat(page.location()).hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));
		}
		assertThat(this.admin.post("/workflows/api/run/cancel?id=" + id).status()).isEqualTo(403);
		assertThat(state(id)).as("not canceled").isEqualTo("IN_PROGRESS");
	}

	@Test
	void theOperatorReadsWorkflowsButMayNotCancelThem() {
		String id = startOnboarding("api-operator-1");

		JsonNode list = this.operator.get("/api/workflows?name=userOnboarding&limit=100").assertStatus(200).body();
		assertThat(list.get("items").valueStream().map((item) -> item.get("workflowId").asString())).contains(id);
		JsonNode view = this.operator.get("/api/workflows/" + id).assertStatus(200).body();
		assertThat(view.get("workflowId").asString()).isEqualTo(id);

		assertThat(this.operator.post("/api/workflows/" + id + "/cancel").status()).isEqualTo(403);
		assertThat(state(id)).as("not canceled").isEqualTo("IN_PROGRESS");
	}

	@Test
	void theAdminCancelsWorkflows() {
		String id = startOnboarding("api-admin-1");

		JsonNode canceled = this.admin.post("/api/workflows/" + id + "/cancel").assertStatus(200).body();

		assertThat(canceled.get("status").asString()).isEqualTo("CANCELED");
		assertThat(state(id)).isEqualTo("CANCELED");
	}

	/**
	 * Starting an onboarding (above) and entering its code stay open to anonymous
	 * callers.
	 */
	@Test
	void theOnboardingApiStaysOpen() {
		String id = startOnboarding("api-open-1");

		JsonHttp.Response verify = this.anonymous.post("/api/onboarding/" + id + "/verify",
				JsonHttp.object("code", "12ab56"));

		assertThat(verify.status()).as("answered by the API, not by security").isEqualTo(400);
		assertThat(verify.body().get("error").asString()).startsWith("Invalid value for event 'emailVerification'");
	}

	private String startOnboarding(String userId) {
		return this.anonymous.post("/api/onboarding?userId=" + userId)
			.assertStatus(202)
			.body()
			.get("workflowId")
			.asString();
	}

	private String state(String id) {
		return this.admin.get("/api/workflows/" + id).assertStatus(200).body().get("status").asString();
	}

}
