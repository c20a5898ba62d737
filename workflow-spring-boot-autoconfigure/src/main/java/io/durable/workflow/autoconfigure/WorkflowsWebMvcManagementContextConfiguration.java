package io.durable.workflow.autoconfigure;

import io.durable.workflow.WorkflowClient;
import io.durable.workflow.actuate.WorkflowsEndpoint;
import io.durable.workflow.actuate.WorkflowsWebMvcHandler;
import io.durable.workflow.actuate.WorkflowsWebMvcHandlerMapping;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The operations of the {@code workflows} endpoint that need Spring MVC (sending an event with
 * a JSON body), where the actuator's endpoints are served: on the application's server, or on the
 * management server if it has its own port.
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean({ WorkflowsEndpoint.class, PathMappedEndpoints.class })
@ConditionalOnAvailableEndpoint(endpoint = WorkflowsEndpoint.class, exposure = EndpointExposure.WEB)
public class WorkflowsWebMvcManagementContextConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WorkflowsWebMvcHandlerMapping workflowsWebMvcHandlerMapping(PathMappedEndpoints endpoints,
			EndpointAccessResolver access, WorkflowClient client) {
		return new WorkflowsWebMvcHandlerMapping(endpoints, access, new WorkflowsWebMvcHandler(client));
	}

}
