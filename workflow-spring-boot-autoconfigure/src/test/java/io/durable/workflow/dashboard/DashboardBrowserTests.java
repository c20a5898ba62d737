package io.durable.workflow.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import io.durable.workflow.StartOptions;
import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowFailedException;
import io.durable.workflow.WorkflowStatus;
import io.durable.workflow.engine.WorkflowMonitor;
import io.durable.workflow.test.Chromium;
import io.durable.workflow.test.JsonHttp;
import io.durable.workflow.testapp.EventWorkflows;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dashboard in a real, headless Chromium: the list of runs and its filters, and a
 * run's page following the run until it finishes. The subclasses give the database.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "workflow.dashboard.enabled=true" })
abstract class DashboardBrowserTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final By FILTER = By.cssSelector("form.filters button");

	/** Runs in the journal for the paging test: 80 pages of 25. */
	private static final int PAGED_RUNS = 2000;

	@LocalServerPort
	int port;

	@Autowired
	WorkflowClient client;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	WorkflowMonitor monitor;

	@RegisterExtension
	final Chromium chromium = new Chromium(TIMEOUT);

	@Test
	void theListShowsTheRunsNewestFirstAndFiltersThem() {
		WorkflowId finished = this.client.start("sequence", 2);
		this.client.result(finished, Integer.class, TIMEOUT);
		WorkflowId waiting = this.client.start(EventWorkflows.class, EventWorkflows::approval);

		this.chromium.browser().get("http://localhost:" + this.port + "/workflows");

		assertThat(runIds()).as("newest first").containsSubsequence(waiting.value(), finished.value());
		screenshot("dashboard-runs.png");
		assertThat(this.chromium.browser().getCurrentUrl()).endsWith("/workflows/");
		new Select(this.chromium.browser().findElement(By.name("state"))).selectByValue("IN_PROGRESS");
		replaceTheListBy(FILTER);
		assertThat(this.chromium.browser().getCurrentUrl()).contains("state=IN_PROGRESS");
		assertThat(runIds()).contains(waiting.value()).doesNotContain(finished.value());
		this.chromium.browser().findElement(By.name("name")).sendKeys("sequence");
		new Select(this.chromium.browser().findElement(By.name("state"))).selectByValue("");
		replaceTheListBy(FILTER);
		assertThat(runIds()).contains(finished.value()).doesNotContain(waiting.value());
		assertThat(Long.parseLong(
				this.chromium.browser().findElement(By.cssSelector("a[data-state=IN_PROGRESS] .count")).getText()))
			.isPositive();
		replaceTheListBy(By.cssSelector("a[data-state=COMPLETED]"));
		assertThat(runIds()).contains(finished.value()).doesNotContain(waiting.value());
		assertThat(this.chromium.browser().getCurrentUrl()).contains("state=COMPLETED");
		this.client.cancel(waiting);
	}

	@Test
	void stalledOnlyListsTheParkedRuns() {
		this.jdbc.update(
				"INSERT INTO workflow_run (id, name, state, args, due_at, created_at, stalled)"
						+ " VALUES ('parked-1', 'changed', 'IN_PROGRESS', '[]', ?, ?, 'diverged at step #1')",
				OffsetDateTime.now(ZoneOffset.UTC).plusDays(1), OffsetDateTime.now(ZoneOffset.UTC));
		WorkflowId finished = this.client.start("sequence", 1);
		this.client.result(finished, Integer.class, TIMEOUT);
		this.chromium.browser().get("http://localhost:" + this.port + "/workflows/");
		assertThat(runIds()).contains("parked-1", finished.value());

		this.chromium.browser().findElement(By.name("stalled")).click();
		replaceTheListBy(FILTER);

		assertThat(runIds()).containsExactly("parked-1");
		this.chromium.browser().findElement(By.linkText("parked-1")).click();
		this.chromium.await()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.className("stalled"), "diverged at step #1"));
		this.jdbc.update("DELETE FROM workflow_run WHERE id = 'parked-1'");
	}

	@Test
	void aRunsPageShowsItsStepsAndFollowsItUntilItFinishes() {
		WorkflowId id = this.client.start(EventWorkflows.class, EventWorkflows::approval);
		this.chromium.browser().get("http://localhost:" + this.port + "/workflows/");
		this.chromium.await().until(ExpectedConditions.elementToBeClickable(By.linkText(id.value()))).click();

		this.chromium.await()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("steps"), "awaitEvent:approval"));
		assertThat(this.chromium.browser().findElement(By.id("run-state")).getText()).isEqualTo("IN_PROGRESS");
		assertThat(this.chromium.browser().findElement(By.id("waiting-for")).getText()).isEqualTo("event approval");
		assertThat(this.chromium.browser().findElements(By.cssSelector("#actions button"))).as("read-only: no actions")
			.isEmpty();
		this.client.sendEvent(id, "nudge");
		this.chromium.await()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("events"), "sent, not received yet"));
		assertThat(this.chromium.browser().findElement(By.id("events")).getText()).contains("nudge");
		this.client.sendEvent(id, EventWorkflows.APPROVAL, new EventWorkflows.Approval("ada", 5));

		this.chromium.await().until(ExpectedConditions.textToBe(By.id("run-state"), "COMPLETED"));
		assertThat(this.chromium.browser().findElement(By.id("result")).getText()).isEqualTo("\"ada approved 5\"");
		assertThat(this.chromium.browser().findElement(By.id("events")).getText()).contains("approval consumed");
	}

	@Test
	void aReadOnlyDashboardRefusesActions() {
		WorkflowId id = this.client.start(EventWorkflows.class, EventWorkflows::approval);
		JsonHttp http = JsonHttp.localhost(this.port).withHeader(DashboardAccess.HEADER, "action");

		assertThat(http.get("/workflows/api/access").assertStatus(200).body().get("actions").get("cancel").asBoolean())
			.isFalse();
		assertThat(http.post("/workflows/api/run/cancel?id=" + id.value())
			.assertStatus(403)
			.body()
			.get("error")
			.asString()).startsWith("The dashboard is read-only");
		assertThat(this.client.status(id)).isInstanceOf(WorkflowStatus.InProgress.class);
		this.client.cancel(id);
	}

	@Test
	void theListFiltersByIdOrItsStart() {
		String order = "order-" + UUID.randomUUID();
		WorkflowId first = this.client.start("sequence", StartOptions.defaults().id(order + "/payment"), 1);
		WorkflowId second = this.client.start("sequence", StartOptions.defaults().id(order + "/shipping"), 1);
		WorkflowId other = this.client.start("sequence", StartOptions.defaults().id(order + "0"), 1);
		this.chromium.browser().get("http://localhost:" + this.port + "/workflows/");
		assertThat(runIds()).contains(first.value(), second.value(), other.value());

		this.chromium.browser().findElement(By.name("id")).sendKeys(order + "/");
		replaceTheListBy(FILTER);

		assertThat(runIds()).containsExactly(second.value(), first.value());
		this.chromium.browser().findElement(By.name("id")).sendKeys("payment");
		replaceTheListBy(FILTER);
		assertThat(runIds()).containsExactly(first.value());
	}

	@Test
	void aRunsChildrenShowAsATree() {
		WorkflowId grandparent = this.client.start("grandparent");
		this.chromium.browser().get("http://localhost:" + this.port + "/workflows/#/run/" + grandparent.value());

		// Read at once: the page renders the run again whenever it changes.
		List<?> tree = this.chromium.await().until((browser) -> {
			Object read = ((JavascriptExecutor) browser).executeScript("""
					const child = document.querySelector('#children > ul > li');
					const grandchild = child && child.querySelector(':scope ul a');
					return grandchild ? [child.querySelector('a').textContent, grandchild.textContent,
					  child.textContent] : null;
					""");
			return (List<?>) read;
		});
		String child = (String) tree.get(0);
		assertThat(child).startsWith(grandparent.value() + "/");
		assertThat((String) tree.get(1)).startsWith(child + "/");
		assertThat((String) tree.get(2)).contains("parent-waits", "kid-wait", "IN_PROGRESS");
		this.client.cancel(grandparent);
	}

	@Test
	void theOverviewChartsTheLastHourAndListsTheNodes() {
		for (int i = 0; i < 2; i++) {
			this.client.result(this.client.start("sequence", 1), Integer.class, TIMEOUT);
		}
		WorkflowId failed = this.client.start("failing");
		assertThatThrownBy(() -> this.client.result(failed, String.class, TIMEOUT))
			.isInstanceOf(WorkflowFailedException.class);

		this.chromium.browser().get("http://localhost:" + this.port + "/workflows/");
		this.chromium.await().until(ExpectedConditions.elementToBeClickable(By.linkText("Overview"))).click();

		this.chromium.await().until(ExpectedConditions.presenceOfElementLocated(By.id("per-minute")));
		assertThat(this.chromium.browser().findElements(By.cssSelector("#per-minute rect"))).hasSize(60 * 3);
		assertThat(legend("started")).isGreaterThanOrEqualTo(3);
		assertThat(legend("completed")).isGreaterThanOrEqualTo(2);
		assertThat(legend("failed")).isGreaterThanOrEqualTo(1);
		assertThat(this.chromium.browser().findElement(By.id("nodes")).getText())
			.contains(this.monitor.status().nodeId() + " (this node)");
		screenshot("dashboard-overview.png");
		replaceTheOverviewBy(By.linkText("Failed"));
		assertThat(runIds()).contains(failed.value());
	}

	private long legend(String series) {
		String text = this.chromium.browser().findElement(By.cssSelector("[data-series=" + series + "]")).getText();
		return Long.parseLong(text.substring(text.indexOf(':') + 1).strip());
	}

	private void replaceTheOverviewBy(By clicked) {
		WebElement shown = this.chromium.browser().findElement(By.id("per-minute"));
		this.chromium.browser().findElement(clicked).click();
		this.chromium.await().until(ExpectedConditions.stalenessOf(shown));
	}

	/** Saves what the browser shows, for the README, under {@code target/screenshots}. */
	private void screenshot(String name) {
		try {
			Path file = Path.of("target", "screenshots", name);
			Files.createDirectories(file.getParent());
			Files.write(file, ((TakesScreenshot) this.chromium.browser()).getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Clicks an element, and waits until the list shown before is replaced. */
	private void replaceTheListBy(By clicked) {
		WebElement shown = this.chromium.browser().findElement(By.tagName("table"));
		this.chromium.browser().findElement(clicked).click();
		this.chromium.await().until(ExpectedConditions.stalenessOf(shown));
	}

	@Test
	void aParentsPageLinksItsChildrenAndEachChildItsParent() {
		WorkflowId parent = this.client.start("parent-sum", 3);
		this.client.result(parent, Integer.class, TIMEOUT);
		this.chromium.browser().get("http://localhost:" + this.port + "/workflows/#/run/" + parent.value());

		this.chromium.await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#children a")));
		List<String> children = this.chromium.browser()
			.findElements(By.cssSelector("#children a"))
			.stream()
			.map(WebElement::getText)
			.toList();
		assertThat(children).hasSize(2).allMatch((child) -> child.startsWith(parent.value() + "/"));
		this.chromium.browser().findElement(By.linkText(children.get(0))).click();
		this.chromium.await().until(ExpectedConditions.elementToBeClickable(By.linkText(parent.value())));
		assertThat(this.chromium.browser().findElement(By.tagName("h2")).getText()).isEqualTo(children.get(0));
	}

	@Test
	void pagingThroughThousandsOfRunsShowsEachOnceInOrder() {
		Instant first = Instant.parse("2026-01-01T00:00:00Z");
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < PAGED_RUNS; i++) {
			OffsetDateTime created = OffsetDateTime.ofInstant(first.plusSeconds(i), ZoneOffset.UTC);
			rows.add(new Object[] { pagedId(i), created, created });
		}
		this.jdbc.batchUpdate("INSERT INTO workflow_run (id, name, state, args, created_at, finished_at)"
				+ " VALUES (?, 'paged', 'COMPLETED', '[]', ?, ?)", rows);

		this.chromium.browser().get("http://localhost:" + this.port + "/workflows/#/?name=paged");
		List<String> shown = new ArrayList<>(runIds());
		for (int page = 1; page < 4; page++) {
			replaceTheListBy(By.linkText("Next page"));
			shown.addAll(runIds());
		}

		assertThat(shown)
			.containsExactlyElementsOf(IntStream.range(0, 100).mapToObj((i) -> pagedId(PAGED_RUNS - 1 - i)).toList());
		new Select(this.chromium.browser().findElement(By.name("order"))).selectByValue("asc");
		replaceTheListBy(FILTER);
		assertThat(runIds()).startsWith(pagedId(0), pagedId(1));
		JsonHttp http = JsonHttp.localhost(this.port);
		assertThat(http.get("/workflows/api/runs?name=paged&from=2026-01-01T00:00:10Z&before=2026-01-01T00:00:13Z")
			.assertStatus(200)
			.body()
			.get("runs")
			.valueStream()
			.map((run) -> run.get("id").asString())).containsExactly(pagedId(12), pagedId(11), pagedId(10));
		assertThat(http.get("/workflows/api/runs?from=yesterday").assertStatus(400).body().get("error").asString())
			.isEqualTo("from must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, got 'yesterday'");
		this.jdbc.update("DELETE FROM workflow_run WHERE name = 'paged'");
	}

	private static String pagedId(int index) {
		return String.format("paged-%04d", index);
	}

	/** The ids the list shows, once it shows any. */
	private List<String> runIds() {
		this.chromium.await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("td.id a")));
		return this.chromium.browser()
			.findElements(By.cssSelector("td.id a"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

}
