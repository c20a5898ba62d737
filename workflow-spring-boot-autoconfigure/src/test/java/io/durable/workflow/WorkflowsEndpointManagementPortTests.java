package io.durable.workflow;

import java.time.Duration;

import io.durable.workflow.test.JsonHttp;
import io.durable.workflow.testapp.EventWorkflows;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With actuator on a port of its own, the whole {@code workflows} endpoint is there, its
 * stream and events included, and not on the application's port.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "management.server.port=0",
				"management.endpoints.web.exposure.include=workflows",
				"management.endpoint.workflows.access=unrestricted" })
class WorkflowsEndpointManagementPortTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	WorkflowClient client;

	@Test
	void theEndpointItsStreamAndItsEventsAreOnTheManagementPort() {
		JsonHttp management = JsonHttp.localhost(this.managementPort);
		WorkflowId id = this.client.start(EventWorkflows.class, EventWorkflows::approval);
		String workflow = "/actuator/workflows/" + id;
		await().atMost(TIMEOUT).until(() -> management.get(workflow).body().path("waits").size() == 1);

		try (JsonHttp.EventStream stream = management.stream(workflow + "/stream")) {
			await().atMost(TIMEOUT).until(() -> !stream.events().isEmpty());
			management.post(workflow + "/events/approval", "{\"approver\": \"ada\", \"amount\": 3}").assertStatus(204);
			await().atMost(TIMEOUT).until(stream::ended);
			assertThat(stream.events().get(stream.events().size() - 1).data().get("state").asString())
				.isEqualTo("COMPLETED");
		}
		assertThat(JsonHttp.localhost(this.port).get(workflow).status()).as("not on the application's port")
			.isEqualTo(404);
	}

}
