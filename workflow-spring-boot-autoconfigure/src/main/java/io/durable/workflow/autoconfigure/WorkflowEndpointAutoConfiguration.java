package io.durable.workflow.autoconfigure;

import io.durable.workflow.WorkflowClient;
import io.durable.workflow.actuate.WorkflowsEndpoint;
import io.durable.workflow.actuate.WorkflowsEndpointWebExtension;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code workflows} actuator endpoint, when Spring Boot Actuator is on the classpath and the
 * endpoint is available (exposed, and not switched off with
 * {@code management.endpoint.workflows.access=none}).
 */
@AutoConfiguration(after = WorkflowAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(WorkflowClient.class)
@ConditionalOnAvailableEndpoint(WorkflowsEndpoint.class)
public final class WorkflowEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WorkflowsEndpoint workflowsEndpoint(WorkflowClient client) {
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
