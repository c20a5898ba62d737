package io.durable.workflow.autoconfigure;

import java.util.List;
import javax.sql.DataSource;

import io.durable.workflow.journal.WorkflowEventEntity;
import io.durable.workflow.journal.WorkflowRunEntity;
import io.durable.workflow.journal.WorkflowStepEntity;
import jakarta.persistence.EntityManagerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryBuilderCustomizer;
import org.springframework.boot.sql.autoconfigure.init.OnDatabaseInitializationCondition;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Puts the workflow journal's entities into the application's persistence unit and
 * creates their tables per {@code workflow.jdbc.initialize-schema}; Hibernate's own
 * schema management only validates them. The entities are added both as an
 * auto-configuration package and to the persistence unit directly, so that an application
 * narrowing its entity scan with {@code @EntityScan} still gets them.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
		beforeName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnClass(EntityManagerFactory.class)
@ConditionalOnBean(DataSource.class)
@ConditionalOnBooleanProperty(name = "workflow.enabled", matchIfMissing = true)
@AutoConfigurationPackage(basePackageClasses = WorkflowRunEntity.class)
@EnableConfigurationProperties(WorkflowProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class WorkflowJournalAutoConfiguration {

	static final List<String> ENTITY_CLASS_NAMES = List.of(WorkflowRunEntity.class.getName(),
			WorkflowStepEntity.class.getName(), WorkflowEventEntity.class.getName());

	@Bean
	EntityManagerFactoryBuilderCustomizer workflowJournalEntitiesCustomizer() {
		return (builder) -> builder.addPersistenceUnitPostProcessors((unit) -> {
			for (String name : ENTITY_CLASS_NAMES) {
				if (!unit.getManagedClassNames().contains(name)) {
					unit.addManagedClassName(name);
				}
			}
		});
	}

	/**
	 * Whatever {@code spring.jpa.hibernate.ddl-auto} says, Hibernate leaves the journal's
	 * tables alone.
	 */
	@Bean
	HibernatePropertiesCustomizer workflowJournalSchemaFilterCustomizer() {
		return JournalSchemaFilterProvider::install;
	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(OnWorkflowDatasourceInitializationCondition.class)
	static class DataSourceInitializerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WorkflowDataSourceScriptDatabaseInitializer workflowDataSourceScriptDatabaseInitializer(DataSource dataSource,
				WorkflowProperties properties) {
			return new WorkflowDataSourceScriptDatabaseInitializer(dataSource, properties.getJdbc());
		}

	}

	/**
	 * Boot's condition reads the mode with {@code valueOf}, so a wrong value would fail
	 * start-up with a bare exception; binding it first fails it the way of any bad
	 * property instead, analyzed with the property's origin and the valid values.
	 */
	static class OnWorkflowDatasourceInitializationCondition extends OnDatabaseInitializationCondition {

		private static final String PROPERTY = "workflow.jdbc.initialize-schema";

		OnWorkflowDatasourceInitializationCondition() {
			super("Workflow", PROPERTY);
		}

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Binder.get(context.getEnvironment()).bind(PROPERTY, DatabaseInitializationMode.class);
			return super.getMatchOutcome(context, metadata);
		}

	}

}
