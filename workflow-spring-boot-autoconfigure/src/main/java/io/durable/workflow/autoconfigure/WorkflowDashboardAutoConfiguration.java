package io.durable.workflow.autoconfigure;

import io.durable.workflow.WorkflowClient;
import io.durable.workflow.dashboard.DashboardApi;
import io.durable.workflow.engine.WorkflowMonitor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The workflow dashboard, in Spring MVC applications that enable it
 * ({@code workflow.dashboard.enabled=true}): its page and scripts, served from the
 * starter's jar at {@code workflow.dashboard.path}, and its read-only JSON API below it.
 */
@AutoConfiguration(after = WorkflowAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(WorkflowClient.class)
@ConditionalOnBooleanProperty("workflow.dashboard.enabled")
public final class WorkflowDashboardAutoConfiguration {

	/** Where the page and its scripts are in the jar. */
	static final String RESOURCES = "classpath:/io/durable/workflow/dashboard/static/";

	@Bean
	@ConditionalOnMissingBean
	DashboardApi workflowDashboardApi(WorkflowClient client, WorkflowMonitor monitor) {
		return new DashboardApi(client, monitor);
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

}
