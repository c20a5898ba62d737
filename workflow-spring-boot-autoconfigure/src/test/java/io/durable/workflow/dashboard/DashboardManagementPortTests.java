package io.durable.workflow.dashboard;

import java.time.Duration;

import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.test.Chromium;
import io.durable.workflow.test.JsonHttp;
import io.durable.workflow.testapp.EventWorkflows;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Actuator's management server on a port of its own, the dashboard is served there,
 * whole (page, API, stream, actions), and not on the application's port.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "management.server.port=0",
				"workflow.dashboard.enabled=true", "management.endpoint.workflows.access=unrestricted" })
class DashboardManagementPortTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	WorkflowClient client;

	@RegisterExtension
	final Chromium chromium = new Chromium(TIMEOUT);

	@Test
	void theDashboardIsOnTheManagementPortOnly() {
		JsonHttp management = JsonHttp.localhost(this.managementPort);
		assertThat(management.get("/workflows").location())
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/workflows/"));
		assertThat(management.get("/workflows/dashboard.js").status()).isEqualTo(200);
		assertThat(management.get("/workflows/api/counts").assertStatus(200).body().has("IN_PROGRESS")).isTrue();
		JsonHttp application = JsonHttp.localhost(this.port);
		assertThat(application.get("/workflows/api/counts").status()).isEqualTo(404);
		assertThat(application.get("/workflows/dashboard.js").status()).isEqualTo(404);
	}

	@Test
	void aRunIsFollowedAndActedOnThere() {
		WorkflowId id = this.client.start(EventWorkflows.class, EventWorkflows::approval);
		this.chromium.browser().get("http://localhost:" + this.managementPort + "/workflows/#/run/" + id.value());
		this.chromium.await()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("waiting-for"), "event approval"));
		this.chromium.browser().findElement(By.id("event-value")).clear();
		this.chromium.browser().findElement(By.id("event-value")).sendKeys("{\"approver\": \"ada\", \"amount\": 2}");
		this.chromium.browser().findElement(By.cssSelector("#send-event button")).click();

		this.chromium.await().until(ExpectedConditions.textToBe(By.id("run-state"), "COMPLETED"));
	}

}
