package io.durable.workflow.engine.client;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.durable.workflow.StartOptions;
import io.durable.workflow.WorkflowCompletionHandler;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.engine.EngineClock;
import io.durable.workflow.engine.definition.PayloadCodec;
import io.durable.workflow.engine.definition.WorkflowDefinition;
import io.durable.workflow.engine.definition.WorkflowRegistry;
import io.durable.workflow.engine.execution.RunStart;
import io.durable.workflow.engine.execution.RunStarter;
import io.durable.workflow.engine.execution.StartCapture;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * The client's starts: which workflow a typed or named start means and with what,
 * checked, handed to the {@link RunStarter}.
 */
final class StartRequests {

	private final WorkflowRegistry registry;

	private final RunStarter starter;

	private final PayloadCodec codec;

	private final BeanFactory beanFactory;

	private final EngineClock clock;

	/** The beans whose workflow methods typed starts record calls of. */
	private final Map<Class<?>, Object> standIns = new ConcurrentHashMap<>();

	StartRequests(WorkflowRegistry registry, RunStarter starter, PayloadCodec codec, BeanFactory beanFactory,
			EngineClock clock) {
		this.registry = registry;
		this.starter = starter;
		this.codec = codec;
		this.beanFactory = beanFactory;
		this.clock = clock;
	}

	@SuppressWarnings("unchecked")
	<W> WorkflowId start(Class<W> workflowType, Consumer<W> call, StartOptions options) {
		W standIn = (W) this.standIns.computeIfAbsent(workflowType, this.beanFactory::getBean);
		StartCapture capture = StartCapture.capture(() -> call.accept(standIn));
		Method method = capture.method();
		Class<?> beanClass = capture.beanClass();
		@Nullable Object[] args = capture.args();
		if (method == null || beanClass == null || args == null) {
			throw new IllegalArgumentException(
					"The lambda passed to WorkflowClient.start must call a @Workflow method of "
							+ workflowType.getName() + ", but it called none");
		}
		WorkflowDefinition definition = this.registry.find(method, beanClass)
			.orElseThrow(() -> new IllegalArgumentException(
					"The lambda passed to WorkflowClient.start must call a @Workflow method, but it called "
							+ beanClass.getSimpleName() + "." + method.getName()));
		return start(definition, args, options);
	}

	WorkflowId start(String workflowName, StartOptions options, Object[] args) {
		WorkflowDefinition definition = this.registry.get(workflowName);
		checkArguments(definition, args);
		return start(definition, args, options);
	}

	private WorkflowId start(WorkflowDefinition definition, @Nullable Object[] args, StartOptions options) {
		WorkflowId id = (options.workflowId() != null) ? options.workflowId()
				: WorkflowId.of(UUID.randomUUID().toString());
		String handler = handlerBean(options.completionHandler());
		String context = (options.completionContext() != null)
				? this.codec.write(this.codec.payloadType(options.completionContext().getClass()),
						options.completionContext(), () -> "The completion context of workflow '" + id + "'")
				: null;
		return this.starter.start(definition, args,
				new RunStart(id, options.startDelay(), null, handler, context, options.deadlineFrom(this.clock.now()),
						options.queueName(), options.queuePriority(), options.deduplication(),
						options.debounceWindow()));
	}

	/** The name of the one bean of the handler's type, stored with the run. */
	private @Nullable String handlerBean(@Nullable Class<? extends WorkflowCompletionHandler> type) {
		if (type == null) {
			return null;
		}
		String[] names = ((ListableBeanFactory) this.beanFactory).getBeanNamesForType(type);
		if (names.length != 1) {
			throw new IllegalArgumentException(
					"onComplete needs exactly one bean of type " + type.getName() + ", found " + names.length);
		}
		return names[0];
	}

	private static void checkArguments(WorkflowDefinition definition, Object[] args) {
		Class<?>[] parameters = definition.method().getParameterTypes();
		if (args.length != parameters.length) {
			throw new IllegalArgumentException("Workflow '" + definition.name() + "' takes " + parameters.length
					+ " arguments, got " + args.length);
		}
		for (int i = 0; i < args.length; i++) {
			Object arg = args[i];
			boolean fits = (arg == null) ? !parameters[i].isPrimitive()
					: ClassUtils.isAssignableValue(parameters[i], arg);
			if (!fits) {
				throw new IllegalArgumentException("Argument " + i + " of workflow '" + definition.name()
						+ "' must be a " + parameters[i].getName() + ", got "
						+ ((arg != null) ? arg.getClass().getName() : "null"));
			}
		}
	}

}
