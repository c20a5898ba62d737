package io.durable.workflow.engine.definition;

import java.lang.reflect.Method;
import java.util.Map;

import io.durable.workflow.EventDefinition;

/**
 * A registered {@code @Workflow} method.
 *
 * @param name the workflow name
 * @param beanName the bean holding it
 * @param method the method, invoked on the bean's proxy
 * @param parameterTypes how its arguments are stored
 * @param resultType how its return value is stored
 * @param retry the retry default its annotation sets for its steps
 * @param events the {@link EventDefinition}s its class declares as static fields, by name
 */
public record WorkflowDefinition(String name, String beanName, Method method, PayloadType[] parameterTypes,
		PayloadType resultType, RetryOverride retry, Map<String, EventDefinition<?>> events) {

	@Override
	public String toString() {
		return "workflow '" + this.name + "' (" + this.method.getDeclaringClass().getSimpleName() + "."
				+ this.method.getName() + " of bean '" + this.beanName + "')";
	}

}
