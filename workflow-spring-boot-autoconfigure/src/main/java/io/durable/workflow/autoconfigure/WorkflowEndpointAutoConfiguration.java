package io.durable.workflow.autoconfigure;

import io.durable.workflow.WorkflowClient;
import io.durable.workflow.actuate.WorkflowsEndpoint;
import io.durable.workflow.actuate.WorkflowsEndpointWebExtension;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.actuate.autoconfigure.endpoint.PropertiesEndpointAccessResolver;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The {@code workflows} actuator endpoint, when Spring Boot Actuator is on the classpath
 * and the endpoint is available (exposed, and not switched off with
 * {@code management.endpoint.workflows.access=none}). Granted {@code unrestricted} access
 * without Spring Security on the classpath, it warns at start-up: anyone could then
 * cancel and delete.
 */
@AutoConfiguration(after = WorkflowAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(WorkflowClient.class)
@ConditionalOnAvailableEndpoint(WorkflowsEndpoint.class)
public final class WorkflowEndpointAutoConfiguration {

	private static final Log logger = LogFactory.getLog(WorkflowEndpointAutoConfiguration.class);

	private static final String SPRING_SECURITY = "org.springframework.security.web.SecurityFilterChain";

	@Bean
	@ConditionalOnMissingBean
	WorkflowsEndpoint workflowsEndpoint(WorkflowClient client, Environment environment, ApplicationContext context) {
		Access access = new PropertiesEndpointAccessResolver(environment).accessFor(EndpointId.of("workflows"),
				Access.READ_ONLY);
		if (access == Access.UNRESTRICTED && !ClassUtils.isPresent(SPRING_SECURITY, context.getClassLoader())) {
			logger.warn("The 'workflows' endpoint allows anyone who reaches it to cancel, delete and send events to"
					+ " workflow runs: its access is 'unrestricted' and Spring Security is not on the classpath. Secure"
					+ " the management endpoints, or leave management.endpoint.workflows.access at its default,"
					+ " 'read-only'");
		}
		return new WorkflowsEndpoint(client);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(WorkflowsEndpoint.class)
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	WorkflowsEndpointWebExtension workflowsEndpointWebExtension(WorkflowsEndpoint endpoint) {
		return new WorkflowsEndpointWebExtension(endpoint);
	}

}
