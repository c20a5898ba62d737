package io.durable.workflow.engine.definition;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.durable.workflow.EventDefinition;
import io.durable.workflow.Step;
import io.durable.workflow.Workflow;
import io.durable.workflow.WorkflowNotFoundException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.Advised;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds the {@link Workflow} methods of all beans once the context is built, logs them,
 * and rejects at start-up what would silently not be durable: a workflow name used twice,
 * an annotated method the proxy cannot intercept, a bean with annotated methods that is
 * not proxied, or a class in the application's packages with {@code @Workflow} methods
 * that is no bean at all.
 *
 * <p>
 * Internal API: it may change in any release.
 */
public final class WorkflowRegistry implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(WorkflowRegistry.class);

	private final ConfigurableListableBeanFactory beanFactory;

	private final PayloadCodec codec;

	private volatile @Nullable Map<String, WorkflowDefinition> byName;

	/**
	 * The workflows of methods called in typed starts; empty for methods that are not
	 * workflows.
	 */
	private final Map<CalledMethod, Optional<WorkflowDefinition>> byMethod = new ConcurrentHashMap<>();

	public WorkflowRegistry(ConfigurableListableBeanFactory beanFactory, PayloadCodec codec) {
		this.beanFactory = beanFactory;
		this.codec = codec;
	}

	/** How many {@code @Step} methods the beans have, once scanned. */
	private volatile int stepCount;

	/** The beans with {@code @Workflow} or {@code @Step} methods, once scanned. */
	private volatile Set<String> annotatedBeans = Set.of();

	@Override
	public void afterSingletonsInstantiated() {
		Map<String, WorkflowDefinition> definitions = definitions();
		List<String> problems = new ArrayList<>();
		checkProxied(problems);
		checkWorkflowClassesAreBeans(problems);
		failOn(problems);
		definitions.values().forEach((definition) -> logger.info("Registered " + definition));
		logger.info("Registered " + definitions.size() + " workflows and " + this.stepCount + " steps");
	}

	/** The workflow with this name, or {@code null}. */
	public @Nullable WorkflowDefinition find(String name) {
		return definitions().get(name);
	}

	public WorkflowDefinition get(String name) {
		WorkflowDefinition definition = find(name);
		if (definition == null) {
			throw WorkflowNotFoundException.workflow(name, names());
		}
		return definition;
	}

	/** The workflow a method called on a bean of the given class is, if it is one. */
	public Optional<WorkflowDefinition> find(Method method, Class<?> beanClass) {
		return this.byMethod.computeIfAbsent(new CalledMethod(method, beanClass), (called) -> {
			Workflow workflow = AnnotatedElementUtils.findMergedAnnotation(method, Workflow.class);
			return (workflow != null) ? Optional.of(get(workflowName(beanClass, method, workflow))) : Optional.empty();
		});
	}

	public Set<String> names() {
		return definitions().keySet();
	}

	static String workflowName(Class<?> beanClass, Method method, Workflow workflow) {
		return workflow.name().isEmpty() ? defaultName(beanClass, method) : workflow.name();
	}

	public static String defaultName(Class<?> beanClass, Method method) {
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
		int stepMethods = 0;
		Set<String> annotated = new LinkedHashSet<>();
		for (String beanName : this.beanFactory.getBeanDefinitionNames()) {
			Class<?> type = ScopedProxyUtils.isScopedTarget(beanName) ? null
					: this.beanFactory.getType(beanName, false);
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
			stepMethods += steps.size();
			if (!workflows.isEmpty() || !steps.isEmpty()) {
				annotated.add(beanName);
			}
			if (!workflows.isEmpty() && !steps.isEmpty()) {
				warnOfSelfCalls(beanName, beanClass, workflows.keySet(), steps.keySet());
			}
			steps.forEach((method, step) -> check(problems, () -> RetryOverride.of(step.retry(),
					"@Step " + beanClass.getSimpleName() + "." + method.getName())));
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
		failOn(problems);
		this.stepCount = stepMethods;
		this.annotatedBeans = Set.copyOf(annotated);
		return Collections.unmodifiableMap(found);
	}

	/**
	 * A step called through {@code this} from a workflow of the same bean bypasses the
	 * proxy: it runs as a plain call, not journaled. Calls through the bean's proxy are
	 * fine, and no scan of the bytecode tells them apart, so every bean with both gets
	 * the warning.
	 */
	private static void warnOfSelfCalls(String beanName, Class<?> beanClass, Set<Method> workflows, Set<Method> steps) {
		logger.warn("Bean '" + beanName + "' (" + beanClass.getName() + ") declares @Workflow " + names(workflows)
				+ " and @Step " + names(steps) + ": a step called through 'this' from a workflow of the same bean"
				+ " runs as a plain call and is not journaled. Move the steps to another bean, or call them through"
				+ " the bean's proxy (README: \"The proxy rule\")");
	}

	private static String names(Set<Method> methods) {
		return methods.stream().map(Method::getName).sorted().toList().toString();
	}

	private static void failOn(List<String> problems) {
		if (!problems.isEmpty()) {
			throw new WorkflowSetupException("Invalid workflow definitions:\n - " + String.join("\n - ", problems),
					"Correct each definition as its line says. The rules are in the README: \"Writing workflows\""
							+ " and \"The proxy rule\".");
		}
	}

	/**
	 * Beans with annotated methods that did not go through the workflow post-processor
	 * (registered as ready-made objects, or created early as a dependency of a
	 * post-processor) would run their workflows and steps as plain calls.
	 */
	private void checkProxied(List<String> problems) {
		for (String beanName : this.annotatedBeans) {
			checkProxied(beanName, this.beanFactory.getSingleton(beanName), problems);
		}
		// Registered as ready-made objects: without a definition, the scan did not see
		// them.
		for (String beanName : this.beanFactory.getSingletonNames()) {
			Object bean = this.beanFactory.getSingleton(beanName);
			if (!this.beanFactory.containsBeanDefinition(beanName) && bean != null
					&& hasAnnotatedMethods(ClassUtils.getUserClass(bean))) {
				checkProxied(beanName, bean, problems);
			}
		}
	}

	private static void checkProxied(String beanName, @Nullable Object bean, List<String> problems) {
		if (bean == null || isAdvisedByTheEngine(bean)) {
			return;
		}
		Class<?> beanClass = ClassUtils.getUserClass(bean);
		problems.add("bean '" + beanName + "' (" + beanClass.getName() + ") has @Workflow or @Step methods but is not"
				+ " proxied, so they would run as plain calls: let Spring create it (@Component or a @Bean method) rather"
				+ " than registering a ready-made object, and do not make a BeanPostProcessor depend on it");
	}

	private static boolean hasAnnotatedMethods(Class<?> beanClass) {
		if (!AnnotationUtils.isCandidateClass(beanClass, Set.of(Workflow.class, Step.class))) {
			return false;
		}
		return !MethodIntrospector
			.selectMethods(beanClass,
					(ReflectionUtils.MethodFilter) (
							method) -> AnnotatedElementUtils.hasAnnotation(method, Workflow.class)
									|| AnnotatedElementUtils.hasAnnotation(method, Step.class))
			.isEmpty();
	}

	private static boolean isAdvisedByTheEngine(Object bean) {
		return bean instanceof Advised advised && Arrays.stream(advised.getAdvisors())
			.anyMatch((advisor) -> advisor.getAdvice() instanceof WorkflowMethodInterceptor);
	}

	/**
	 * A class of the application's own packages with {@code @Workflow} methods must be a
	 * bean: otherwise its workflows are not registered, and its runs are never resumed.
	 */
	private void checkWorkflowClassesAreBeans(List<String> problems) {
		if (!AutoConfigurationPackages.has(this.beanFactory)) {
			return;
		}
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.setResourceLoader(new DefaultResourceLoader(this.beanFactory.getBeanClassLoader()));
		scanner.addIncludeFilter(
				(reader, readers) -> reader.getAnnotationMetadata().hasAnnotatedMethods(Workflow.class.getName()));
		for (String basePackage : AutoConfigurationPackages.get(this.beanFactory)) {
			for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
				String className = candidate.getBeanClassName();
				Class<?> type = ClassUtils.resolveClassName(className, this.beanFactory.getBeanClassLoader());
				if (this.beanFactory.getBeanNamesForType(type, true, false).length == 0) {
					problems.add("class " + className + " has @Workflow methods but is not a Spring bean, so its"
							+ " workflows are not registered: annotate it with @Component or declare it as a @Bean");
				}
			}
		}
	}

	private WorkflowDefinition define(String beanName, Class<?> beanClass, Method method, Workflow workflow) {
		PayloadType[] parameterTypes = new PayloadType[method.getParameterCount()];
		for (int i = 0; i < parameterTypes.length; i++) {
			parameterTypes[i] = this.codec.parameterType(method, i, beanClass);
		}
		String name = workflowName(beanClass, method, workflow);
		return new WorkflowDefinition(name, beanName, method, parameterTypes, this.codec.returnType(method, beanClass),
				RetryOverride.of(workflow.retry(), "@Workflow " + name), eventDefinitions(beanClass));
	}

	/** The event definitions a workflow class declares as static fields, by name. */
	private static Map<String, EventDefinition<?>> eventDefinitions(Class<?> beanClass) {
		Map<String, EventDefinition<?>> events = new LinkedHashMap<>();
		ReflectionUtils.doWithFields(beanClass, (field) -> {
			ReflectionUtils.makeAccessible(field);
			if (field.get(null) instanceof EventDefinition<?> event) {
				EventDefinition<?> other = events.putIfAbsent(event.name(), event);
				if (other != null && !other.type().equals(event.type())) {
					throw new IllegalStateException(beanClass.getSimpleName() + " declares event '" + event.name()
							+ "' twice, as a " + other.type().getName() + " and as a " + event.type().getName());
				}
			}
		}, (field) -> Modifier.isStatic(field.getModifiers())
				&& EventDefinition.class.isAssignableFrom(field.getType()));
		return Collections.unmodifiableMap(events);
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
			String reason = Modifier.isStatic(modifiers) ? "static"
					: Modifier.isPrivate(modifiers) ? "private"
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
