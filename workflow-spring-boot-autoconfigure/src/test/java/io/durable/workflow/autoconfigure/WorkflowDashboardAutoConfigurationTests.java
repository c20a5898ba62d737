package io.durable.workflow.autoconfigure;

import io.durable.workflow.dashboard.DashboardAccess;
import io.durable.workflow.dashboard.DashboardApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the dashboard is served, and the warning it gives when anyone may act on it.
 */
@ExtendWith(OutputCaptureExtension.class)
class WorkflowDashboardAutoConfigurationTests {

	private static final String WARNING = "The workflow dashboard lets anyone who reaches it cancel";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
				TransactionAutoConfiguration.class, JacksonAutoConfiguration.class,
				WorkflowJournalAutoConfiguration.class, WorkflowAutoConfiguration.class,
				WorkflowDashboardAutoConfiguration.class))
		.withClassLoader(new FilteredClassLoader("org.springframework.security"))
		.withPropertyValues("spring.datasource.generate-unique-name=true");

	@Test
	void theDashboardIsNotServedUnlessEnabled() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(DashboardApi.class));
	}

	@Test
	void readOnlyByDefaultItWarnsOfNothing(CapturedOutput output) {
		this.runner.withPropertyValues("workflow.dashboard.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(DashboardApi.class).hasSingleBean(DashboardAccess.class);
			assertThat(output).doesNotContain(WARNING);
		});
	}

	@Test
	void actionsWithoutSpringSecurityAreWarnedOf(CapturedOutput output) {
		this.runner
			.withPropertyValues("workflow.dashboard.enabled=true", "management.endpoint.workflows.access=UNRESTRICTED")
			.run((context) -> {
				assertThat(context).hasSingleBean(DashboardApi.class);
				assertThat(output).contains(WARNING);
			});
	}

}
