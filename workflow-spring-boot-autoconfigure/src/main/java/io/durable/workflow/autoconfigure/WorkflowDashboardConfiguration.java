package io.durable.workflow.autoconfigure;

import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.dashboard.DashboardAccess;
import io.durable.workflow.dashboard.DashboardApi;
import io.durable.workflow.dashboard.DashboardSecurity;
import io.durable.workflow.dashboard.RunView;
import io.durable.workflow.dashboard.RunViews;
import io.durable.workflow.engine.WorkflowMonitor;
import io.durable.workflow.engine.client.JsonEvents;
import io.durable.workflow.engine.definition.PayloadCodec;
import io.durable.workflow.engine.definition.WorkflowRegistry;
import io.durable.workflow.web.WorkflowStreams;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.PropertiesEndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboard's beans, in the application's context or in the management server's: its
 * page and scripts, served from the starter's jar at {@code workflow.dashboard.path}, and
 * its JSON API below it. Its actions need the {@code workflows} endpoint's write access,
 * and the application's Spring Security rules where it has Spring Security.
 */
@Configuration(proxyBeanMethods = false)
class WorkflowDashboardConfiguration {

	private static final Log logger = LogFactory.getLog(WorkflowDashboardConfiguration.class);

	/** Where the page and its scripts are in the jar. */
	static final String RESOURCES = "classpath:/io/durable/workflow/dashboard/static/";

	private static final String ACTUATOR = "org.springframework.boot.actuate.autoconfigure.endpoint.PropertiesEndpointAccessResolver";

	private static final String SPRING_SECURITY = "org.springframework.security.web.access.WebInvocationPrivilegeEvaluator";

	@Bean
	@ConditionalOnMissingBean
	RunViews workflowDashboardRuns(WorkflowClient client, WorkflowMonitor monitor, WorkflowRegistry registry) {
		return new RunViews(client, monitor, registry);
	}

	@Bean
	WorkflowStreams<RunView> workflowDashboardStreams(RunViews runs, WorkflowMonitor monitor,
			ObjectProvider<JsonMapper> json) {
		return new WorkflowStreams<>(runs::read, (view) -> view.run().state() != WorkflowState.IN_PROGRESS, monitor,
				json.getIfAvailable(JsonMapper::new));
	}

	@Bean
	@ConditionalOnMissingBean
	DashboardAccess workflowDashboardAccess(Environment environment, ApplicationContext context) {
		ClassLoader classLoader = context.getClassLoader();
		boolean writable = ClassUtils.isPresent(ACTUATOR, classLoader) && EndpointAccess.writable(environment);
		DashboardSecurity security = ClassUtils.isPresent(SPRING_SECURITY, classLoader) ? Security.of(context) : null;
		if (writable && security == null) {
			logger.warn("The workflow dashboard lets anyone who reaches it cancel, delete and send events to workflow"
					+ " runs: the workflows endpoint's access is 'unrestricted' and the application has no Spring"
					+ " Security. Secure the dashboard's path, or leave management.endpoint.workflows.access at its"
					+ " default, 'read-only'");
		}
		return new DashboardAccess(writable, security);
	}

	@Bean
	@ConditionalOnMissingBean
	DashboardApi workflowDashboardApi(WorkflowClient client, WorkflowMonitor monitor, RunViews runs,
			WorkflowStreams<RunView> workflowDashboardStreams, WorkflowRegistry registry, PayloadCodec codec,
			DashboardAccess access) {
		return new DashboardApi(client, monitor, runs, workflowDashboardStreams,
				new JsonEvents(client, registry, codec), access);
	}

	@Bean
	WebMvcConfigurer workflowDashboardResources(WorkflowProperties properties) {
		String path = properties.getDashboard().getPath();
		return new WebMvcConfigurer() {

			@Override
			public void addResourceHandlers(ResourceHandlerRegistry registry) {
				registry.addResourceHandler(path + "/**").addResourceLocations(RESOURCES);
			}

			@Override
			public void addViewControllers(ViewControllerRegistry registry) {
				registry.addRedirectViewController(path, path + "/");
				registry.addViewController(path + "/").setViewName("forward:" + path + "/index.html");
			}

		};
	}

	/** The endpoint's access, where Actuator resolves it. */
	private static final class EndpointAccess {

		static boolean writable(Environment environment) {
			return new PropertiesEndpointAccessResolver(environment).accessFor(EndpointId.of("workflows"),
					Access.READ_ONLY) == Access.UNRESTRICTED;
		}

	}

	/** Spring Security's rules, where the application has web security. */
	private static final class Security {

		static @Nullable DashboardSecurity of(ApplicationContext context) {
			WebInvocationPrivilegeEvaluator privileges = context.getBeanProvider(WebInvocationPrivilegeEvaluator.class)
				.getIfAvailable();
			return (privileges != null) ? new DashboardSecurity(privileges) : null;
		}

	}

}
