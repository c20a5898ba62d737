package io.durable.workflow.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

import io.durable.workflow.RetryPolicy;
import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.engine.EngineSettings;
import io.durable.workflow.engine.WorkflowEngine;
import io.durable.workflow.engine.WorkflowRetention;
import io.durable.workflow.engine.definition.PayloadCodec;
import io.durable.workflow.engine.definition.RetryOverride;
import io.durable.workflow.engine.definition.RetrySettings;
import io.durable.workflow.engine.definition.WorkflowAnnotationBeanPostProcessor;
import io.durable.workflow.engine.definition.WorkflowRegistry;
import io.durable.workflow.engine.definition.WorkflowSetupException;
import io.durable.workflow.engine.dispatch.WorkflowQueues;
import io.durable.workflow.engine.observation.WorkflowObservations;
import io.durable.workflow.journal.Journal;
import io.durable.workflow.journal.JournalTables;
import io.durable.workflow.journal.QueueStore;
import io.durable.workflow.journal.WorkflowRunEntity;
import io.durable.workflow.observation.WorkflowStartObservationConvention;
import io.durable.workflow.observation.WorkflowStepObservationConvention;
import io.durable.workflow.observation.WorkflowTurnObservationConvention;
import io.durable.workflow.test.WorkflowReplayer;
import io.micrometer.observation.ObservationRegistry;
import jakarta.persistence.EntityManagerFactory;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.thread.Threading;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskExecutor;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The workflow engine: the interception of {@code @Workflow} and {@code @Step} methods,
 * the {@link WorkflowClient}, and the engine that runs workflows on this node. Every bean
 * backs off when the application defines its own.
 */
@AutoConfiguration(
		after = { WorkflowJournalAutoConfiguration.class, TransactionAutoConfiguration.class,
				JacksonAutoConfiguration.class },
		afterName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnBean({ DataSource.class, EntityManagerFactory.class, PlatformTransactionManager.class })
@ConditionalOnBooleanProperty(name = "workflow.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WorkflowProperties.class)
public final class WorkflowAutoConfiguration {

	/** The name of the {@link Clock} bean the engine reads all time from. */
	public static final String CLOCK_BEAN_NAME = "workflowClock";

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static WorkflowAnnotationBeanPostProcessor workflowAnnotationBeanPostProcessor() {
		return new WorkflowAnnotationBeanPostProcessor();
	}

	@Bean(name = CLOCK_BEAN_NAME, defaultCandidate = false)
	@ConditionalOnMissingBean(name = CLOCK_BEAN_NAME)
	Clock workflowClock() {
		return Clock.systemUTC();
	}

	@Bean
	@ConditionalOnMissingBean
	PayloadCodec workflowPayloadCodec(ObjectProvider<JsonMapper> jsonMapper, WorkflowProperties properties) {
		return new PayloadCodec(jsonMapper.getIfAvailable(JsonMapper::new),
				properties.getJournal().getMaxPayloadSize());
	}

	@Bean
	@ConditionalOnMissingBean
	Journal workflowJournal(DataSource dataSource, EntityManagerFactory entityManagerFactory,
			WorkflowProperties properties, ObjectProvider<BuildProperties> buildProperties) {
		String journal = WorkflowRunEntity.class.getPackageName();
		try {
			entityManagerFactory.getMetamodel().entity(WorkflowRunEntity.class);
		}
		catch (IllegalArgumentException ex) {
			throw new WorkflowSetupException(
					"The workflow journal's entities are not in the application's persistence unit: the application"
							+ " defines its own EntityManagerFactory, which does not scan the package '" + journal
							+ "'.",
					"Add the package to the factory's packages to scan, for example with"
							+ " factory.setPackagesToScan(\"com.example\", \"" + journal + "\").",
					ex);
		}
		String missing = JournalTables.missing(dataSource);
		if (missing != null) {
			throw new WorkflowSetupException(
					missing + ". The starter creates them by itself in in-memory databases"
							+ " only (workflow.jdbc.initialize-schema=embedded, the default).",
					"Set workflow.jdbc.initialize-schema=always to create them at start-up (the script is idempotent),"
							+ " or, if Flyway or Liquibase manage your schema, add the starter's script "
							+ WorkflowJdbcProperties.DEFAULT_SCHEMA_LOCATION.replace("classpath:", "")
							+ " (@@platform@@: h2 or postgresql) to your migrations.");
		}
		return Journal.of(dataSource, SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory),
				codeVersion(properties, buildProperties.getIfAvailable()));
	}

	/**
	 * The version runs record: {@code workflow.code-version}, else the application's
	 * build info ({@code META-INF/build-info.properties}), else the starter's own.
	 */
	static String codeVersion(WorkflowProperties properties, @Nullable BuildProperties build) {
		String configured = properties.getCodeVersion();
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		if (build != null && build.getVersion() != null) {
			return build.getVersion();
		}
		String starter = Journal.class.getPackage().getImplementationVersion();
		return (starter != null) ? "starter-" + starter : "unknown";
	}

	@Bean
	@ConditionalOnMissingBean
	WorkflowRegistry workflowRegistry(ConfigurableListableBeanFactory beanFactory, PayloadCodec codec) {
		return new WorkflowRegistry(beanFactory, codec);
	}

	@Bean
	@ConditionalOnMissingBean
	WorkflowEngine workflowEngine(WorkflowProperties properties, @Qualifier(CLOCK_BEAN_NAME) Clock clock,
			Journal journal, PayloadCodec codec, WorkflowRegistry registry,
			PlatformTransactionManager transactionManager, BeanFactory beanFactory, Environment environment,
			ObjectProvider<Validator> validator, ApplicationEventPublisher publisher,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<WorkflowStartObservationConvention> startConvention,
			ObjectProvider<WorkflowTurnObservationConvention> turnConvention,
			ObjectProvider<WorkflowStepObservationConvention> stepConvention,
			@WorkflowTaskExecutor ObjectProvider<TaskExecutor> taskExecutor) {
		EngineSettings settings = new EngineSettings(nodeId(properties), properties.getMaxParallelism(),
				properties.getPollInterval(), properties.getLease().getDuration(), properties.getShutdownTimeout(),
				properties.getSuspendThreshold(), Threading.VIRTUAL.isActive(environment),
				properties.getCompletionHandler().getMaxAttempts(), properties.getLease().isFastTakeover(),
				properties.getJournal().getAttemptStartDelay(),
				properties.getOnDivergence() == WorkflowProperties.Divergence.PARK,
				properties.getDivergenceRetryInterval(), queues(properties));
		return new WorkflowEngine(settings, clock, journal, codec, registry, retrySettings(properties),
				transactionManager, beanFactory, validator.getIfUnique(), publisher,
				new WorkflowObservations(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP),
						startConvention.getIfUnique(), turnConvention.getIfUnique(), stepConvention.getIfUnique()),
				taskExecutor.getIfUnique());
	}

	private static WorkflowQueues queues(WorkflowProperties properties) {
		List<WorkflowQueues.Queue> queues = new ArrayList<>();
		properties.getQueues().forEach((name, queue) -> {
			WorkflowQueueProperties.RateLimit rate = queue.getRateLimit();
			queues.add(new WorkflowQueues.Queue(name,
					new QueueStore.QueueLimits(queue.getConcurrency(), rate.getLimit(),
							(rate.getLimit() != null) ? rate.getPeriod() : null),
					queue.getPerNodeConcurrency(), queue.getWorkflows()));
		});
		return new WorkflowQueues(queues);
	}

	private static RetrySettings retrySettings(WorkflowProperties properties) {
		WorkflowRetryProperties retry = properties.getRetry();
		Map<String, RetryOverride> byWorkflow = new LinkedHashMap<>();
		properties.getWorkflows().forEach((name, settings) -> {
			RetryOverrideProperties overrides = settings.getRetry();
			byWorkflow.put(name, new RetryOverride(overrides.getActionsByDefault(), overrides.getMaxAttempts(),
					overrides.getInitialBackoff(), overrides.getBase()));
		});
		return new RetrySettings(RetryPolicy.of(retry.getMaxAttempts(), retry.getInitialBackoff(), retry.getBase()),
				retry.isActionsByDefault(), byWorkflow);
	}

	@Bean
	@ConditionalOnMissingBean
	WorkflowRetention workflowRetention(WorkflowEngine engine, WorkflowProperties properties) {
		WorkflowRetentionProperties retention = properties.getRetention();
		Map<WorkflowState, Duration> kept = new EnumMap<>(WorkflowState.class);
		putIfSet(kept, WorkflowState.COMPLETED, retention.getCompleted());
		putIfSet(kept, WorkflowState.FAILED, retention.getFailed());
		putIfSet(kept, WorkflowState.CANCELED, retention.getCanceled());
		return new WorkflowRetention(engine, kept, retention.getInterval(), retention.getBatchSize());
	}

	private static void putIfSet(Map<WorkflowState, Duration> kept, WorkflowState state, @Nullable Duration duration) {
		if (duration != null) {
			kept.put(state, duration);
		}
	}

	@Bean
	@ConditionalOnMissingBean
	WorkflowReplayer workflowReplayer(WorkflowEngine engine) {
		return new WorkflowReplayer(engine);
	}

	@Bean
	@ConditionalOnMissingBean
	WorkflowClient workflowClient(WorkflowEngine engine) {
		return engine.client();
	}

	private static String nodeId(WorkflowProperties properties) {
		String configured = properties.getNodeId();
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		String host = System.getenv("HOSTNAME");
		return ((host != null && !host.isBlank()) ? host : "node") + "-" + ProcessHandle.current().pid() + "-"
				+ HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
	}

}
