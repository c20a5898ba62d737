package com.example.onboarding.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.test.Chromium;
import io.durable.workflow.test.JsonHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's dashboard behind its Spring Security, in a real, headless Chromium: the
 * operator logs in, reads, is offered no action and is refused one sent anyway; the admin
 * cancels through the page, whose request carries Spring Security's CSRF token; a request
 * forged by another site cancels nothing. The settings are those of
 * {@link com.example.onboarding.OperationsApiTests}'s application but the database.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:onboarding-${random.uuid}", "sample.follow-up-delay=1s",
				"sample.content-failures=0" })
class DashboardSecurityBrowserTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@LocalServerPort
	int port;

	@Autowired
	WorkflowClient client;

	@RegisterExtension
	final Chromium chromium = new Chromium(TIMEOUT);

	@Test
	void theOperatorReadsButIsOfferedNoActionAndIsRefusedOne() {
		WorkflowId id = startOnboarding("dashboard-operator-1");
		logIn("operator");

		openTheRun(id);

		assertThat(this.chromium.browser().findElements(By.cssSelector("#actions button"))).isEmpty();
		Object status = ((JavascriptExecutor) this.chromium.browser()).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				fetch('api/access').then((response) => response.json()).then((access) => fetch(
				  'api/run/cancel?id=' + encodeURIComponent(arguments[0]), { method: 'POST',
				    headers: { 'X-Workflow-Dashboard': 'action', [access.csrf.header]: access.csrf.token } }))
				  .then((response) => done(response.status));
				""", id.value());
		assertThat(status).as("refused by the application's rules").isEqualTo(403L);
		assertThat(this.client.describe(id).state()).isEqualTo(WorkflowState.IN_PROGRESS);
		this.client.cancel(id);
	}

	@Test
	void theAdminCancelsThroughThePage() {
		WorkflowId id = startOnboarding("dashboard-admin-1");
		logIn("admin");
		openTheRun(id);

		this.chromium.await().until(ExpectedConditions.elementToBeClickable(By.id("cancel"))).click();
		this.chromium.await().until(ExpectedConditions.elementToBeClickable(By.id("confirm-cancel"))).click();

		this.chromium.await().until(ExpectedConditions.textToBe(By.id("run-state"), "CANCELED"));
		assertThat(this.client.describe(id).state()).isEqualTo(WorkflowState.CANCELED);
	}

	@Test
	void aRequestForgedByAnotherSiteCancelsNothing() {
		WorkflowId id = startOnboarding("dashboard-forged-1");
		logIn("admin");
		String cancel = "http://localhost:" + this.port + "/workflows/api/run/cancel?id=" + id.value();
		String forged = "<form method='post' action='" + cancel + "'><button id='forge'>Win a prize</button></form>";

		this.chromium.browser()
			.get("data:text/html," + URLEncoder.encode(forged, StandardCharsets.UTF_8).replace("+", "%20"));
		this.chromium.browser().findElement(By.id("forge")).click();

		this.chromium.await().until(ExpectedConditions.urlContains("http://localhost:" + this.port));
		assertThat(this.client.describe(id).state()).isEqualTo(WorkflowState.IN_PROGRESS);
		this.client.cancel(id);
	}

	private void logIn(String user) {
		this.chromium.browser().get("http://localhost:" + this.port + "/workflows/");
		this.chromium.await().until(ExpectedConditions.urlContains("/login"));
		this.chromium.browser().findElement(By.name("username")).sendKeys(user);
		this.chromium.browser().findElement(By.name("password")).sendKeys(user);
		this.chromium.browser().findElement(By.cssSelector("button[type=submit]")).click();
		this.chromium.await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("td.id a")));
	}

	private void openTheRun(WorkflowId id) {
		this.chromium.browser().get("http://localhost:" + this.port + "/workflows/#/run/" + id.value());
		this.chromium.await().until(ExpectedConditions.presenceOfElementLocated(By.id("run-state")));
	}

	private WorkflowId startOnboarding(String userId) {
		return WorkflowId.of(JsonHttp.localhost(this.port)
			.post("/api/onboarding?userId=" + userId)
			.assertStatus(202)
			.body()
			.get("workflowId")
			.asString());
	}

}
