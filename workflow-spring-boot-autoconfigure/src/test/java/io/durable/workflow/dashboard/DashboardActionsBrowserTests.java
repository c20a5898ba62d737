package io.durable.workflow.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.durable.workflow.ListQuery;
import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.WorkflowStatus;
import io.durable.workflow.WorkflowSummary;
import io.durable.workflow.test.Chromium;
import io.durable.workflow.test.JsonHttp;
import io.durable.workflow.testapp.EventWorkflows;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's actions in a real, headless Chromium, where the application grants the
 * {@code workflows} endpoint write access and has no Spring Security: an event sent
 * through the form and checked against its definition, a cancel with its cascade, a
 * cleanup, and requests forged by another site refused. The subclasses give the database.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "workflow.dashboard.enabled=true",
				"management.endpoint.workflows.access=unrestricted" })
abstract class DashboardActionsBrowserTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@LocalServerPort
	int port;

	@Autowired
	WorkflowClient client;

	@RegisterExtension
	final Chromium chromium = new Chromium(TIMEOUT);

	@Test
	void anEventSentThroughTheFormIsCheckedAgainstItsDefinition() {
		WorkflowId id = this.client.start(EventWorkflows.class, EventWorkflows::approval);
		openTheRun(id);
		this.chromium.await()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("waiting-for"), "event approval"));

		WebElement expects = this.chromium.browser().findElement(By.id("event-expects"));
		assertThat(expects.getText()).contains("Expects a Approval", "approver String @NotBlank",
				"amount int @Positive");
		WebElement value = this.chromium.browser().findElement(By.id("event-value"));
		assertThat(value.getDomProperty("value")).isEqualTo("{\"approver\": \"\", \"amount\": 0}");
		send();
		this.chromium.await().until(ExpectedConditions.attributeToBe(By.id("action-status"), "class", "error"));
		assertThat(status()).startsWith("Invalid value for event 'approval': ").contains("approver", "amount");
		value.clear();
		value.sendKeys("{\"approver\": \"ada\", \"amount\": ");
		send();
		this.chromium.await()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("action-status"), "not JSON of a"));
		assertThat(((WorkflowStatus.InProgress) this.client.status(id)).pendingEvents()).as("nothing stored").isEmpty();

		value.sendKeys("5}");
		send();

		this.chromium.await().until(ExpectedConditions.textToBe(By.id("run-state"), "COMPLETED"));
		assertThat(status()).isEqualTo("Sent approval");
		assertThat(this.chromium.browser().findElement(By.id("result")).getText()).isEqualTo("\"ada approved 5\"");
		assertThat(this.chromium.browser().findElements(By.id("send-event"))).as("no events for a finished run")
			.isEmpty();
	}

	@Test
	void cancelShowsItsCascadeAndCancelsTheRunWithItsChildren() {
		WorkflowId id = this.client.start("grandparent");
		openTheRun(id);
		this.chromium.await().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#children li li a"), 1));
		List<WorkflowId> descendants = descendants(id);

		this.chromium.browser().findElement(By.id("cancel")).click();

		WebElement cascade = this.chromium.await()
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("cancel-cascade")));
		assertThat(cascade.getText()).contains("also cancels 2 child workflow(s) in progress",
				descendants.get(0).value(), descendants.get(1).value());
		this.chromium.browser().findElement(By.id("confirm-cancel")).click();
		this.chromium.await().until(ExpectedConditions.textToBe(By.id("run-state"), "CANCELED"));
		assertThat(status()).isEqualTo("Canceled");
		assertThat(descendants).allSatisfy(
				(descendant) -> assertThat(this.client.describe(descendant).state()).isEqualTo(WorkflowState.CANCELED));
		assertThat(this.chromium.browser().findElements(By.id("cancel"))).isEmpty();
	}

	@Test
	void aCanceledRunResumesFromItsPageAndIsFollowedLiveAgain() {
		WorkflowId id = this.client.start(EventWorkflows.class, EventWorkflows::approval);
		this.client.cancel(id);
		openTheRun(id);

		this.chromium.await().until(ExpectedConditions.elementToBeClickable(By.id("resume"))).click();

		this.chromium.await()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("waiting-for"), "event approval"));
		assertThat(status()).isEqualTo("Resumed");
		assertThat(this.chromium.browser().findElements(By.id("resume"))).isEmpty();
		this.client.sendEvent(id, EventWorkflows.APPROVAL, new EventWorkflows.Approval("ada", 3));
		this.chromium.await().until(ExpectedConditions.textToBe(By.id("run-state"), "COMPLETED"));
	}

	@Test
	void aForkStartsFromTheStepGivenAndOpensTheNewRun() {
		WorkflowId id = this.client.start("sequence", 3);
		this.client.result(id, Integer.class, TIMEOUT);
		openTheRun(id);
		WebElement from = this.chromium.await().until(ExpectedConditions.presenceOfElementLocated(By.id("fork-from")));
		assertThat(from.getDomProperty("value")).as("past the last completed step").isEqualTo("3");

		from.clear();
		from.sendKeys("2");
		this.chromium.browser().findElement(By.cssSelector("#fork button")).click();

		WebElement forkedFrom = this.chromium.await()
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#forked-from a")));
		assertThat(forkedFrom.getText()).isEqualTo(id.value());
		WorkflowId fork = WorkflowId.of(this.chromium.browser().findElement(By.cssSelector("h2.id")).getText());
		assertThat(this.client.result(fork, Integer.class, TIMEOUT)).isEqualTo(3);
		assertThat(this.client.describe(fork).forkedFrom()).isEqualTo(id);
	}

	@Test
	void cleanupDeletesAFinishedRun() {
		WorkflowId id = this.client.start("sequence", 2);
		this.client.result(id, Integer.class, TIMEOUT);
		openTheRun(id);

		this.chromium.await().until(ExpectedConditions.elementToBeClickable(By.id("cleanup"))).click();

		this.chromium.await().until(ExpectedConditions.urlMatches("/workflows/#/$"));
		JsonHttp http = JsonHttp.localhost(this.port);
		assertThat(http.get("/workflows/api/run?id=" + id.value()).assertStatus(404).body().get("error").asString())
			.contains(id.value());
	}

	@Test
	void aRequestForgedByAnotherSiteIsRefused() {
		WorkflowId id = this.client.start(EventWorkflows.class, EventWorkflows::approval);
		String cancel = "http://localhost:" + this.port + "/workflows/api/run/cancel?id=" + id.value();
		String forged = "<form method='post' action='" + cancel + "'><button id='forge'>Win a prize</button></form>";

		this.chromium.browser()
			.get("data:text/html," + URLEncoder.encode(forged, StandardCharsets.UTF_8).replace("+", "%20"));
		this.chromium.browser().findElement(By.id("forge")).click();

		this.chromium.await()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
					"must carry the X-Workflow-Dashboard header"));
		assertThat(JsonHttp.localhost(this.port).post("/workflows/api/run/cancel?id=" + id.value()).status())
			.isEqualTo(403);
		assertThat(this.client.status(id)).isInstanceOf(WorkflowStatus.InProgress.class);
		this.client.cancel(id);
	}

	private void openTheRun(WorkflowId id) {
		this.chromium.browser().get("http://localhost:" + this.port + "/workflows/#/run/" + id.value());
		this.chromium.await().until(ExpectedConditions.presenceOfElementLocated(By.id("run-state")));
	}

	private void send() {
		this.chromium.browser().findElement(By.cssSelector("#send-event button")).click();
	}

	private String status() {
		return this.chromium.browser().findElement(By.id("action-status")).getText();
	}

	private List<WorkflowId> descendants(WorkflowId id) {
		List<WorkflowId> children = this.client.list(ListQuery.first(10).parent(id))
			.items()
			.stream()
			.map(WorkflowSummary::id)
			.toList();
		return children.stream()
			.flatMap((child) -> java.util.stream.Stream.concat(java.util.stream.Stream.of(child),
					descendants(child).stream()))
			.toList();
	}

}
