package io.durable.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.durable.workflow.testapp.DeterministicWorkflow;
import io.durable.workflow.testapp.StepCounter;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code Workflows.now()}, {@code random()} and {@code randomUUID()} give a replay the
 * same values, and log lines from workflow and step code carry the workflow id and step
 * name.
 */
@SpringBootTest(classes = TestApplication.class, properties = "workflow.poll-interval=100ms")
abstract class DeterminismTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	WorkflowClient client;

	@Autowired
	StepCounter counter;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aReplayAfterARestartSeesTheSameTimeAndRandomValues() {
		WorkflowId id = this.client.start(DeterministicWorkflow.class, DeterministicWorkflow::run);
		String first = this.client.result(id, String.class, TIMEOUT);

		// As if the node died right before finishing: the run is replayed from its
		// journal.
		this.jdbc
			.sql("update workflow_run set state = 'IN_PROGRESS', result = null, owner = 'dead-node', due_at = ?"
					+ " where id = ?")
			.params(JournalRows.utc(Instant.now().minusSeconds(1)), id.value())
			.update();
		await().atMost(TIMEOUT).until(() -> this.client.status(id).state() == WorkflowState.COMPLETED);

		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo(first);
		assertThat(this.counter.count(id.value(), "note")).isEqualTo(1);
		assertThat(this.client.listSteps(id, ListQuery.first(10)).items()).extracting(StepInfo::name)
			.containsExactly(StepInfo.NOW, "note");
	}

	@Test
	void logLinesCarryTheWorkflowIdAndStep() {
		Logger logger = (Logger) DeterministicWorkflow.LOG;
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		try {
			WorkflowId id = this.client.start(DeterministicWorkflow.class, DeterministicWorkflow::run);
			this.client.result(id, String.class, TIMEOUT);

			List<ILoggingEvent> lines = appender.list.stream()
				.filter((event) -> id.value().equals(event.getMDCPropertyMap().get("workflowId")))
				.toList();
			assertThat(lines).extracting(ILoggingEvent::getFormattedMessage)
				.anySatisfy((message) -> assertThat(message).startsWith("drew "))
				.anySatisfy((message) -> assertThat(message).startsWith("noting "));
			assertThat(lines).filteredOn((event) -> event.getFormattedMessage().startsWith("noting "))
				.allSatisfy((event) -> assertThat(event.getMDCPropertyMap()).containsEntry("workflowStep", "note")
					.containsEntry("workflow", "deterministic"));
			assertThat(lines).filteredOn((event) -> event.getFormattedMessage().startsWith("drew "))
				.allSatisfy((event) -> assertThat(event.getMDCPropertyMap()).doesNotContainKey("workflowStep"));
		}
		finally {
			logger.detachAppender(appender);
		}
	}

}
