package io.durable.workflow;

import java.time.Duration;
import java.util.function.Predicate;

import io.durable.workflow.test.StatementCounter;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The hot path's cost in SQL: starting is one statement and commit; each step one more,
 * except that the last step is journaled in the same commit as the outcome (in the same
 * statement on PostgreSQL, auto-committed, so that no write takes a second round trip to
 * commit); nothing grows with the number of steps done before. The result of a run that
 * finished on this node is known without a query.
 */
@SpringBootTest(classes = TestApplication.class)
@Import(StatementCountTests.CountingConfiguration.class)
abstract class StatementCountTests {

	private static final Predicate<String> POOL_THREADS = (name) -> name.startsWith("workflow-")
			&& !name.startsWith("workflow-timer-");

	@Autowired
	WorkflowClient client;

	@Autowired
	StatementCounter counter;

	private final int finishCommitCalls;

	/**
	 * @param finishCommitCalls the commit calls of a workflow's last write (its last step
	 * and its outcome): none where that is one auto-committed statement
	 */
	StatementCountTests(int finishCommitCalls) {
		this.finishCommitCalls = finishCommitCalls;
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 10, 100 })
	void aWorkflowOfNStepsCommitsNPlusOneTimes(int steps) {
		this.counter.reset();
		String caller = Thread.currentThread().getName();

		WorkflowId id = this.client.start("sequence", steps);
		int startStatements = this.counter.statements(caller::equals);
		int startCommits = this.counter.commits(caller::equals);
		this.client.result(id, Integer.class, Duration.ofSeconds(30));

		assertThat(startStatements).isEqualTo(1);
		assertThat(startCommits).isEqualTo(1);
		assertThat(this.counter.statements(POOL_THREADS)).isBetween(steps, steps + 1);
		assertThat(this.counter.commits(POOL_THREADS)).isEqualTo(steps);
		assertThat(this.counter.commitCalls(POOL_THREADS)).isEqualTo(this.finishCommitCalls);
	}

	@Test
	void theResultOfARunThatFinishedHereTakesNoStatementUntilItIsCleanedUp() {
		WorkflowId id = this.client.start("sequence", 3);
		assertThat(this.client.result(id, Integer.class, Duration.ofSeconds(30))).isEqualTo(3);
		this.counter.reset();
		String caller = Thread.currentThread().getName();

		assertThat(this.client.result(id, Integer.class, Duration.ofSeconds(30))).isEqualTo(3);
		assertThat(this.counter.statements(caller::equals)).isZero();

		this.client.cleanup(id);
		assertThatExceptionOfType(WorkflowNotFoundException.class)
			.isThrownBy(() -> this.client.result(id, Integer.class, Duration.ofSeconds(30)));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class CountingConfiguration {

		@Bean
		static StatementCounter statementCounter() {
			return new StatementCounter();
		}

	}

}
