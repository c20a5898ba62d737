package io.durable.workflow.autoconfigure;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.actuate.WorkflowsEndpoint;
import io.durable.workflow.actuate.WorkflowsEndpoint.WorkflowDescriptor;
import io.durable.workflow.actuate.WorkflowsWebMvcHandler;
import io.durable.workflow.actuate.WorkflowsWebMvcHandlerMapping;
import io.durable.workflow.engine.WorkflowMonitor;
import io.durable.workflow.engine.client.JsonEvents;
import io.durable.workflow.engine.definition.PayloadCodec;
import io.durable.workflow.engine.definition.WorkflowRegistry;
import io.durable.workflow.web.WorkflowStreams;
import tools.jackson.databind.json.JsonMapper;

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
 * The operations of the {@code workflows} endpoint that need Spring MVC (a run's live
 * status stream, sending an event with a JSON body), where the actuator's endpoints are
 * served: on the application's server, or on the management server if it has its own
 * port.
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean({ WorkflowsEndpoint.class, PathMappedEndpoints.class })
@ConditionalOnAvailableEndpoint(endpoint = WorkflowsEndpoint.class, exposure = EndpointExposure.WEB)
public class WorkflowsWebMvcManagementContextConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WorkflowStreams<WorkflowDescriptor> workflowStreams(WorkflowsEndpoint endpoint, WorkflowMonitor engine) {
		return new WorkflowStreams<>((id) -> endpoint.describe(id, null),
				(workflow) -> workflow.state() != WorkflowState.IN_PROGRESS, engine, json());
	}

	@Bean
	@ConditionalOnMissingBean
	WorkflowsWebMvcHandlerMapping workflowsWebMvcHandlerMapping(PathMappedEndpoints endpoints,
			EndpointAccessResolver access, WorkflowClient client, WorkflowsEndpoint endpoint, WorkflowRegistry registry,
			PayloadCodec codec, WorkflowStreams<WorkflowDescriptor> streams, WorkflowMonitor engine) {
		return new WorkflowsWebMvcHandlerMapping(endpoints, access, new WorkflowsWebMvcHandler(client, endpoint,
				new JsonEvents(client, registry, codec), streams, engine, json()));
	}

	/**
	 * Writes what these operations answer as the endpoint's own answers are written:
	 * without nulls.
	 */
	private static JsonMapper json() {
		return JsonMapper.builder()
			.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
			.build();
	}

}
