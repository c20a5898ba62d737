package io.durable.workflow.autoconfigure;

import io.durable.workflow.WorkflowClient;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The workflow dashboard on the management server, when Actuator runs it on a port of its
 * own ({@code management.server.port}): at {@code workflow.dashboard.path} on that port,
 * below {@code management.server.base-path}, behind the security of the management
 * server, and not on the application's port.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(WorkflowClient.class)
@ConditionalOnBooleanProperty("workflow.dashboard.enabled")
@Import(WorkflowDashboardConfiguration.class)
public class WorkflowDashboardManagementContextConfiguration {

}
