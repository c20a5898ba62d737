package io.durable.workflow.engine.execution;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.durable.workflow.Step;
import io.durable.workflow.StepInfo;
import io.durable.workflow.engine.definition.PayloadCodec;
import io.durable.workflow.engine.definition.PayloadType;
import io.durable.workflow.engine.definition.RetryOverride;
import io.durable.workflow.engine.definition.StepDefinition;
import io.durable.workflow.engine.definition.WorkflowDefinition;
import io.durable.workflow.engine.definition.WorkflowRegistry;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * What the calls a workflow makes are: an intercepted method's {@code @Step} definition
 * (read once per method and bean class) or the child {@code @Workflow} it starts, a step
 * defined at the call site, and the engine's own steps ({@code Workflows.sleep},
 * {@code Workflows.now}).
 */
final class CallDefinitions {

	private final WorkflowRegistry registry;

	private final PayloadCodec codec;

	private final StepDefinition sleep;

	private final StepDefinition now;

	/** Empty for {@code @Workflow} methods. */
	private final Map<StepKey, Optional<StepDefinition>> stepDefinitions = new ConcurrentHashMap<>();

	CallDefinitions(WorkflowRegistry registry, PayloadCodec codec) {
		this.registry = registry;
		this.codec = codec;
		this.sleep = new StepDefinition(StepInfo.SLEEP, false, RetryOverride.NONE, codec.payloadType(void.class),
				false);
		this.now = new StepDefinition(StepInfo.NOW, false, RetryOverride.of(false), codec.payloadType(Instant.class),
				false);
	}

	/** The workflow an intercepted method that is not a step starts. */
	WorkflowDefinition workflow(MethodInvocation invocation) {
		Class<?> beanClass = ClassUtils.getUserClass(invocation.getThis().getClass());
		return this.registry.find(invocation.getMethod(), beanClass)
			.orElseThrow(
					() -> new IllegalStateException(invocation.getMethod() + " is neither a @Step nor a @Workflow"));
	}

	/**
	 * The step definition of an intercepted method, or {@code null} for a
	 * {@code @Workflow} method.
	 */
	@Nullable StepDefinition step(MethodInvocation invocation) {
		Class<?> beanClass = ClassUtils.getUserClass(invocation.getThis().getClass());
		return this.stepDefinitions
			.computeIfAbsent(new StepKey(invocation.getMethod(), beanClass),
					(key) -> define(key.method(), key.beanClass()))
			.orElse(null);
	}

	private Optional<StepDefinition> define(Method method, Class<?> beanClass) {
		Step step = AnnotatedElementUtils.findMergedAnnotation(AopUtils.getMostSpecificMethod(method, beanClass),
				Step.class);
		if (step == null) {
			return Optional.empty();
		}
		String name = step.name().isEmpty() ? WorkflowRegistry.defaultName(beanClass, method) : step.name();
		return Optional.of(new StepDefinition(name, step.transactional(),
				RetryOverride.of(step.retry(), "@Step " + name), this.codec.returnType(method, beanClass), false));
	}

	/**
	 * A step defined at the call site; {@code null} result type for one read back as
	 * plain JSON.
	 */
	StepDefinition lambdaStep(String name, @Nullable Class<?> resultType) {
		return new StepDefinition(name, false, RetryOverride.NONE,
				this.codec.payloadType((resultType != null) ? resultType : Object.class), resultType == null);
	}

	StepDefinition sleep() {
		return this.sleep;
	}

	StepDefinition now() {
		return this.now;
	}

	PayloadType payloadType(Class<?> type) {
		return this.codec.payloadType(type);
	}

	private record StepKey(Method method, Class<?> beanClass) {
	}

}
