package io.durable.workflow.engine;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.durable.workflow.Step;
import io.durable.workflow.UnknownWorkflowException;
import io.durable.workflow.Workflow;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * Finds the {@link Workflow} methods of all beans once the context is built, and rejects at
 * start-up what would silently not be durable: a workflow name used twice, or an annotated
 * method the proxy cannot intercept.
 *
 * <p>Internal API: it may change in any release.
 */
public final class WorkflowRegistry implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(WorkflowRegistry.class);

	private final ConfigurableListableBeanFactory beanFactory;

	private final PayloadCodec codec;

	private volatile @Nullable Map<String, WorkflowDefinition> byName;

	/** The workflows of methods called in typed starts; empty for methods that are not workflows. */
	private final Map<CalledMethod, Optional<WorkflowDefinition>> byMethod = new ConcurrentHashMap<>();

	public WorkflowRegistry(ConfigurableListableBeanFactory beanFactory, PayloadCodec codec) {
		this.beanFactory = beanFactory;
		this.codec = codec;
	}

	@Override
	public void afterSingletonsInstantiated() {
		definitions().values().forEach((definition) -> logger.info("Registered " + definition));
	}

	/** The workflow with this name, or {@code null}. */
	@Nullable WorkflowDefinition find(String name) {
		return definitions().get(name);
	}

	WorkflowDefinition get(String name) {
		WorkflowDefinition definition = find(name);
		if (definition == null) {
			throw new UnknownWorkflowException(name, names());
		}
		return definition;
	}

	/** The workflow a method called on a bean of the given class is, if it is one. */
	Optional<WorkflowDefinition> find(Method method, Class<?> beanClass) {
		return this.byMethod.computeIfAbsent(new CalledMethod(method, beanClass), (called) -> {
			Workflow workflow = AnnotatedElementUtils.findMergedAnnotation(method, Workflow.class);
			return (workflow != null) ? Optional.of(get(workflowName(beanClass, method, workflow))) : Optional.empty();
		});
	}

	Set<String> names() {
		return definitions().keySet();
	}

	static String workflowName(Class<?> beanClass, Method method, Workflow workflow) {
		return workflow.name().isEmpty() ? defaultName(beanClass, method) : workflow.name();
	}

	static String defaultName(Class<?> beanClass, Method method) {
		return beanClass.getSimpleName() + "." + method.getName();
	}

	private Map<String, WorkflowDefinition> definitions() {
		Map<String, WorkflowDefinition> result = this.byName;
		if (result == null) {
			synchronized (this) {
				result = this.byName;
				if (result == null) {
					result = scan();
					this.byName = result;
				}
			}
		}
		return result;
	}

	private Map<String, WorkflowDefinition> scan() {
		Map<String, WorkflowDefinition> found = new LinkedHashMap<>();
		List<String> problems = new ArrayList<>();
		for (String beanName : this.beanFactory.getBeanDefinitionNames()) {
			Class<?> type = ScopedProxyUtils.isScopedTarget(beanName) ? null : this.beanFactory.getType(beanName, false);
			if (type == null) {
				continue;
			}
			Class<?> beanClass = ClassUtils.getUserClass(type);
			if (!AnnotationUtils.isCandidateClass(beanClass, Set.of(Workflow.class, Step.class))) {
				continue;
			}
			Map<Method, Workflow> workflows = MethodIntrospector.selectMethods(beanClass,
					(MethodIntrospector.MetadataLookup<Workflow>) (method) -> AnnotatedElementUtils
						.findMergedAnnotation(method, Workflow.class));
			Map<Method, Step> steps = MethodIntrospector.selectMethods(beanClass,
					(MethodIntrospector.MetadataLookup<Step>) (method) -> AnnotatedElementUtils
						.findMergedAnnotation(method, Step.class));
			checkInterceptable(beanName, beanClass, workflows.keySet(), "@Workflow", problems);
			checkInterceptable(beanName, beanClass, steps.keySet(), "@Step", problems);
			steps.forEach((method, step) -> check(problems,
					() -> RetryOverride.of(step.retry(), "@Step " + beanClass.getSimpleName() + "." + method.getName())));
			workflows.forEach((method, workflow) -> {
				WorkflowDefinition definition;
				try {
					definition = define(beanName, beanClass, method, workflow);
				}
				catch (IllegalStateException ex) {
					problems.add(ex.getMessage());
					return;
				}
				WorkflowDefinition existing = found.putIfAbsent(definition.name(), definition);
				if (existing != null) {
					problems.add("two workflows are named '" + definition.name() + "': " + existing + " and "
							+ definition + "; give one of them another @Workflow(name = ...)");
				}
			});
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Invalid workflow definitions:\n - " + String.join("\n - ", problems));
		}
		return Collections.unmodifiableMap(found);
	}

	private WorkflowDefinition define(String beanName, Class<?> beanClass, Method method, Workflow workflow) {
		PayloadType[] parameterTypes = new PayloadType[method.getParameterCount()];
		for (int i = 0; i < parameterTypes.length; i++) {
			parameterTypes[i] = this.codec.parameterType(method, i, beanClass);
		}
		String name = workflowName(beanClass, method, workflow);
		return new WorkflowDefinition(name, beanName, method, parameterTypes, this.codec.returnType(method, beanClass),
				RetryOverride.of(workflow.retry(), "@Workflow " + name));
	}

	private record CalledMethod(Method method, Class<?> beanClass) {
	}

	private static void check(List<String> problems, Runnable check) {
		try {
			check.run();
		}
		catch (IllegalStateException ex) {
			problems.add(ex.getMessage());
		}
	}

	private static void checkInterceptable(String beanName, Class<?> beanClass, Set<Method> methods, String annotation,
			List<String> problems) {
		for (Method method : methods) {
			int modifiers = method.getModifiers();
			String reason = Modifier.isStatic(modifiers) ? "static" : Modifier.isPrivate(modifiers) ? "private"
					: Modifier.isFinal(modifiers) ? "final" : !Modifier.isPublic(modifiers) ? "not public"
							: Modifier.isFinal(beanClass.getModifiers()) ? "in a final class" : null;
			if (reason != null) {
				problems.add(annotation + " method " + beanClass.getSimpleName() + "." + method.getName() + " of bean '"
						+ beanName + "' is " + reason + ", so the Spring proxy cannot intercept it; make it a public,"
						+ " non-final instance method of a non-final class");
			}
		}
	}

}
