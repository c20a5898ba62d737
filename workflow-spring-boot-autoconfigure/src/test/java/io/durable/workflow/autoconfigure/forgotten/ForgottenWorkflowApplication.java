package io.durable.workflow.autoconfigure.forgotten;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/** An application whose package holds a workflow class that is not a bean. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class ForgottenWorkflowApplication {

}
