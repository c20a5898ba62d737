package io.durable.workflow.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import javax.sql.DataSource;

import io.durable.workflow.EventDefinition;
import io.durable.workflow.ListQuery;
import io.durable.workflow.Step;
import io.durable.workflow.Workflow;
import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.autoconfigure.forgotten.ForgottenWorkflow;
import io.durable.workflow.autoconfigure.forgotten.ForgottenWorkflowApplication;
import io.durable.workflow.engine.WorkflowEngine;
import io.durable.workflow.engine.WorkflowRetention;
import io.durable.workflow.engine.definition.WorkflowAnnotationBeanPostProcessor;
import io.durable.workflow.journal.WorkflowRunEntity;
import io.durable.workflow.testapp.LedgerEntry;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

@ExtendWith(OutputCaptureExtension.class)
class WorkflowAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
				DataSourceTransactionManagerAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
				TransactionAutoConfiguration.class, JacksonAutoConfiguration.class,
				WorkflowJournalAutoConfiguration.class, WorkflowAutoConfiguration.class))
		.withPropertyValues("spring.datasource.generate-unique-name=true");

	@Test
	void withADataSourceTheEngineAndClientAreConfigured() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(WorkflowClient.class)
				.hasSingleBean(WorkflowEngine.class)
				.hasSingleBean(WorkflowRetention.class)
				.hasSingleBean(WorkflowAnnotationBeanPostProcessor.class)
				.hasSingleBean(WorkflowDataSourceScriptDatabaseInitializer.class)
				.hasBean(WorkflowAutoConfiguration.CLOCK_BEAN_NAME);
			assertThat(AutoConfigurationPackages.get(context)).contains(WorkflowRunEntity.class.getPackageName());
		});
	}

	@Test
	void theCodeVersionIsTheConfiguredOneElseTheBuildInfosElseTheStartersOwn() {
		Properties info = new Properties();
		info.setProperty("version", "3.1.4");
		BuildProperties build = new BuildProperties(info);
		WorkflowProperties configured = new WorkflowProperties();
		configured.setCodeVersion("2026.12-rc1");

		assertThat(WorkflowAutoConfiguration.codeVersion(configured, build)).isEqualTo("2026.12-rc1");
		assertThat(WorkflowAutoConfiguration.codeVersion(new WorkflowProperties(), build)).isEqualTo("3.1.4");
		assertThat(WorkflowAutoConfiguration.codeVersion(new WorkflowProperties(), null))
			.as("the starter's classes run from a directory here, without a manifest")
			.isEqualTo("unknown");
	}

	@Test
	void theWorkflowClockIsNotAnInjectionCandidateForTheApplication() {
		this.runner.withUserConfiguration(NeedsAClock.class)
			.run((context) -> assertThat(context).hasFailed().getFailure().hasMessageContaining("java.time.Clock"));
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withPropertyValues("workflow.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WorkflowClient.class)
				.doesNotHaveBean(WorkflowEngine.class)
				.doesNotHaveBean(WorkflowAnnotationBeanPostProcessor.class)
				.doesNotHaveBean(WorkflowDataSourceScriptDatabaseInitializer.class));
	}

	@Test
	void backsOffWithoutADataSource() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TransactionAutoConfiguration.class, JacksonAutoConfiguration.class,
					WorkflowJournalAutoConfiguration.class, WorkflowAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(WorkflowClient.class)
				.doesNotHaveBean(WorkflowEngine.class));
	}

	@Test
	void theApplicationsOwnBeansWin() {
		WorkflowClient own = mock(WorkflowClient.class);
		this.runner.withBean(WorkflowClient.class, () -> own)
			.run((context) -> assertThat(context).getBean(WorkflowClient.class).isSameAs(own));
	}

	@Test
	void theEngineReadsTimeFromTheApplicationsWorkflowClock() {
		Instant fixed = Instant.parse("2030-01-02T03:04:05Z");
		this.runner.withUserConfiguration(FixedClock.class, OneStepWorkflow.class, OneStep.class).run((context) -> {
			WorkflowClient client = context.getBean(WorkflowClient.class);
			WorkflowId id = client.start(OneStepWorkflow.class, OneStepWorkflow::run);
			assertThat(client.result(id, String.class, Duration.ofSeconds(20))).isEqualTo("done");
			assertThat(client.listSteps(id, ListQuery.first(1)).items().get(0).startedAt()).isEqualTo(fixed);
		});
	}

	@Test
	void workflowsRunOnTheApplicationsWorkflowTaskExecutorBesideBootsOwnExecutor() {
		this.runner.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
			.withUserConfiguration(OwnWorkflowExecutor.class, ThreadNameWorkflow.class, ThreadNameStep.class)
			.run((context) -> {
				WorkflowClient client = context.getBean(WorkflowClient.class);
				WorkflowId id = client.start(ThreadNameWorkflow.class, ThreadNameWorkflow::run);
				assertThat(client.result(id, String.class, Duration.ofSeconds(20))).startsWith("own-workflow-");
				assertThat(context).hasBean(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME);
			});
	}

	@Test
	void withoutAWorkflowTaskExecutorWorkflowsRunOnTheEnginesOwnPool() {
		this.runner.withUserConfiguration(ThreadNameWorkflow.class, ThreadNameStep.class).run((context) -> {
			WorkflowClient client = context.getBean(WorkflowClient.class);
			WorkflowId id = client.start(ThreadNameWorkflow.class, ThreadNameWorkflow::run);
			assertThat(client.result(id, String.class, Duration.ofSeconds(20))).startsWith("workflow-")
				.doesNotStartWith("workflow-timer-");
		});
	}

	@Test
	void initializeSchemaNeverLeavesTheTablesToTheApplication() {
		this.runner.withConfiguration(AutoConfigurations.of(DataSourceInitializationAutoConfiguration.class))
			.withPropertyValues("workflow.jdbc.initialize-schema=never",
					"spring.sql.init.schema-locations=classpath:io/durable/workflow/journal/schema-h2.sql")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(WorkflowDataSourceScriptDatabaseInitializer.class);
				assertThat(context).hasSingleBean(WorkflowClient.class);
			});
	}

	@Test
	void withoutTheJournalsTablesStartUpFailsSayingHowToCreateThem() {
		this.runner.withPropertyValues("workflow.jdbc.initialize-schema=never").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new WorkflowSetupFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).startsWith(
					"The workflow journal's tables workflow_run, workflow_step, workflow_event, workflow_lock, workflow_queue do not"
							+ " exist in the database jdbc:h2:mem:");
			assertThat(analysis.getAction()).contains("workflow.jdbc.initialize-schema=always")
				.contains("io/durable/workflow/journal/schema-@@platform@@.sql");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "h2", "postgresql" })
	void aSchemaScriptShipsForEverySupportedDatabase(String platform) {
		String location = WorkflowJdbcProperties.DEFAULT_SCHEMA_LOCATION.replace("@@platform@@", platform);
		assertThat(new DefaultResourceLoader().getResource(location).exists()).as(location).isTrue();
	}

	@Test
	void anApplicationNarrowingItsEntityScanStillGetsTheJournal() {
		this.runner.withUserConfiguration(ScansItsOwnEntities.class)
			.withPropertyValues("spring.jpa.hibernate.ddl-auto=create-drop")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				EntityManagerFactory factory = context.getBean(EntityManagerFactory.class);
				assertThat(factory.getMetamodel().entity(WorkflowRunEntity.class)).isNotNull();
				assertThat(factory.getMetamodel().entity(LedgerEntry.class)).isNotNull();
			});
	}

	@Test
	void anApplicationEntityManagerFactoryWithoutTheJournalFailsWithTheFix() {
		this.runner.withUserConfiguration(OwnEntityManagerFactory.class).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new WorkflowSetupFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("does not scan the package 'io.durable.workflow.journal'");
			assertThat(analysis.getAction()).contains("setPackagesToScan");
		});
	}

	@Test
	void twoWorkflowsWithOneNameFailStartUp() {
		this.runner.withUserConfiguration(OneStepWorkflow.class, OneStep.class, DuplicateName.class).run((context) -> {
			assertThat(context).hasFailed().getFailure().hasMessageContaining("two workflows are named 'one-step'");
			FailureAnalysis analysis = new WorkflowSetupFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).startsWith("Invalid workflow definitions:")
				.contains("give one of them another @Workflow(name = ...)");
			assertThat(analysis.getAction()).contains("Correct each definition");
		});
	}

	@Test
	void anAnnotatedMethodTheProxyCannotInterceptFailsStartUp() {
		this.runner.withUserConfiguration(FinalStep.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("@Step method FinalStep.frozen")
				.hasMessageContaining("is final"));
		this.runner.withUserConfiguration(PrivateWorkflow.class).run((context) -> {
			FailureAnalysis analysis = new WorkflowSetupFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("@Workflow method PrivateWorkflow.hidden")
				.contains("is private");
		});
	}

	@Test
	void aBeanDeclaringBothWorkflowsAndStepsIsWarnedOfTheProxyRule(CapturedOutput output) {
		this.runner.withUserConfiguration(WorkflowWithItsOwnStep.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output)
				.contains("(" + WorkflowWithItsOwnStep.class.getName()
						+ ") declares @Workflow [run] and @Step [step]: a step called through 'this' from a workflow of"
						+ " the same bean runs as a plain call and is not journaled")
				.contains("README: \"The proxy rule\"");
		});
	}

	@Test
	void aWorkflowCallingStepsOfAnotherBeanIsNotWarned(CapturedOutput output) {
		this.runner.withUserConfiguration(OneStepWorkflow.class, OneStep.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).doesNotContain("The proxy rule");
		});
	}

	@Test
	void aWorkflowClassDeclaringOneEventAsTwoTypesFailsStartUp() {
		this.runner.withUserConfiguration(ConflictingEvents.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("ConflictingEvents declares event 'answer' twice, as a java.lang.String and as a"
						+ " java.lang.Integer"));
	}

	@Test
	void aBeanWithStepsRegisteredAsAReadyMadeObjectFailsStartUp() {
		this.runner.withUserConfiguration(OneStepWorkflow.class)
			.withInitializer((context) -> context.getBeanFactory().registerSingleton("unproxied", new OneStep()))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("bean 'unproxied' (" + OneStep.class.getName()
						+ ") has @Workflow or @Step methods but is not proxied"));
	}

	@Test
	void aWorkflowClassOfTheApplicationThatIsNotABeanFailsStartUp() {
		this.runner.withUserConfiguration(ForgottenWorkflowApplication.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasMessageContaining("class " + ForgottenWorkflow.class.getName()
						+ " has @Workflow methods but is not a Spring bean")
				.hasMessageContaining("annotate it with @Component"));
	}

	@Test
	void aWorkflowClassOfTheApplicationThatIsABeanStartsUp() {
		this.runner.withUserConfiguration(ForgottenWorkflowApplication.class, ForgottenWorkflow.class)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void startUpLogsEveryWorkflowAndHowManyStepsThereAre(CapturedOutput output) {
		this.runner.withUserConfiguration(OneStepWorkflow.class, OneStep.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output).contains("Registered workflow 'one-step' (OneStepWorkflow.run of bean '")
				.contains("Registered 1 workflows and 1 steps");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class NeedsAClock {

		@Bean
		String usesClock(Clock clock) {
			return clock.toString();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FixedClock {

		@Bean
		Clock workflowClock() {
			return Clock.fixed(Instant.parse("2030-01-02T03:04:05Z"), ZoneOffset.UTC);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnWorkflowExecutor {

		@Bean(defaultCandidate = false)
		@WorkflowTaskExecutor
		ThreadPoolTaskExecutor ownWorkflowExecutor() {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setThreadNamePrefix("own-workflow-");
			executor.setAcceptTasksAfterContextClose(true);
			return executor;
		}

	}

	public static class ThreadNameWorkflow {

		private final ThreadNameStep step;

		public ThreadNameWorkflow(ThreadNameStep step) {
			this.step = step;
		}

		@Workflow(name = "thread-name")
		public String run() {
			return this.step.threadName();
		}

	}

	public static class ThreadNameStep {

		@Step
		public String threadName() {
			return Thread.currentThread().getName();
		}

	}

	public static class OneStepWorkflow {

		private final OneStep step;

		public OneStepWorkflow(OneStep step) {
			this.step = step;
		}

		@Workflow(name = "one-step")
		public String run() {
			return this.step.step();
		}

	}

	public static class OneStep {

		@Step
		public String step() {
			return "done";
		}

	}

	public static class DuplicateName {

		@Workflow(name = "one-step")
		public String other() {
			return "other";
		}

	}

	public static class ConflictingEvents {

		public static final EventDefinition<String> TEXT = EventDefinition.of("answer", String.class);

		static final EventDefinition<Integer> NUMBER = EventDefinition.of("answer", Integer.class);

		@Workflow(name = "conflicting-events")
		public String run() {
			return "never";
		}

	}

	public static class PrivateWorkflow {

		@Workflow
		private String hidden() {
			return "hidden";
		}

	}

	public static class WorkflowWithItsOwnStep {

		@Workflow
		public String run() {
			return step();
		}

		@Step
		public String step() {
			return "not journaled";
		}

	}

	public static class FinalStep {

		@Step
		public final String frozen() {
			return "frozen";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = LedgerEntry.class)
	static class ScansItsOwnEntities {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnEntityManagerFactory {

		@Bean
		LocalContainerEntityManagerFactoryBean entityManagerFactory(DataSource dataSource) {
			LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
			factory.setDataSource(dataSource);
			factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
			factory.setPackagesToScan(LedgerEntry.class.getPackageName());
			return factory;
		}

	}

}
