package io.durable.workflow.autoconfigure;

import io.durable.workflow.WorkflowClient;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The workflow dashboard, in Spring MVC applications that enable it
 * ({@code workflow.dashboard.enabled=true}), on the application's server: unless
 * Actuator's management server has a port of its own, where
 * {@link WorkflowDashboardManagementContextConfiguration} serves it instead.
 */
@AutoConfiguration(after = WorkflowAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(WorkflowClient.class)
@ConditionalOnBooleanProperty("workflow.dashboard.enabled")
@Conditional(WorkflowDashboardAutoConfiguration.OnTheApplicationsPort.class)
@Import(WorkflowDashboardConfiguration.class)
public final class WorkflowDashboardAutoConfiguration {

	private static final String MANAGEMENT_PORT = "org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType";

	/** Matches unless the management server has a port of its own. */
	static final class OnTheApplicationsPort extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			if (ClassUtils.isPresent(MANAGEMENT_PORT, context.getClassLoader())
					&& ManagementPort.isDifferent(context.getEnvironment())) {
				return ConditionOutcome
					.noMatch("the management server has a port of its own, where the dashboard is served");
			}
			return ConditionOutcome.match("the management server shares the application's port, or there is none");
		}

	}

	/** Actuator's view of the management port, where Actuator is on the classpath. */
	private static final class ManagementPort {

		static boolean isDifferent(Environment environment) {
			return ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
		}

	}

}
