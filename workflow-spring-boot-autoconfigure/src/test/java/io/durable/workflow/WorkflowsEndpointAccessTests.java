package io.durable.workflow;

import java.time.Duration;

import io.durable.workflow.test.JsonHttp;
import io.durable.workflow.testapp.EventWorkflows;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exposed but not granted more access, the {@code workflows} endpoint only reads: cancel,
 * cleanup and events are not there until
 * {@code management.endpoint.workflows.access=unrestricted}.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.main.web-application-type=servlet", "management.endpoints.web.exposure.include=workflows" })
class WorkflowsEndpointAccessTests {

	@LocalServerPort
	int port;

	@Autowired
	WorkflowClient client;

	@Test
	void exposedTheEndpointReadsButChangesNothing() {
		JsonHttp http = JsonHttp.localhost(this.port);
		WorkflowId id = this.client.start(EventWorkflows.class, EventWorkflows::approval);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> http.get("/actuator/workflows/" + id).body().path("waits").size() == 1);

		assertThat(http.get("/actuator/workflows").status()).isEqualTo(200);
		assertThat(http.post("/actuator/workflows/" + id + "/cancel").status()).isEqualTo(405);
		assertThat(http.post("/actuator/workflows/" + id + "/events/approval", "{\"approver\": \"ada\", \"amount\": 1}")
			.status()).isEqualTo(405);
		assertThat(http.post("/actuator/workflows/" + id + "/fail", "{\"reason\": \"forged\"}").status())
			.isEqualTo(405);
		assertThat(http.delete("/actuator/workflows/" + id).status()).isEqualTo(405);
		assertThat(this.client.status(id)).isInstanceOf(WorkflowStatus.InProgress.class);
		assertThat(http.post("/actuator/workflows/" + id + "/fork", "{\"fromStep\": 1}").status()).isEqualTo(405);
		assertThat(this.client.list(ListQuery.first(1000)).items()).extracting(WorkflowSummary::forkedFrom)
			.doesNotContain(id);
		this.client.cancel(id);
		assertThat(http.post("/actuator/workflows/" + id + "/resume").status()).isEqualTo(405);
		assertThat(this.client.status(id).state()).isEqualTo(WorkflowState.CANCELED);
	}

}
