package io.durable.workflow.engine.execution;

import java.lang.reflect.Array;
import java.lang.reflect.Method;

import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Records which intercepted method a {@code start(type, w -> w.method(args))} lambda
 * calls, instead of running it; the client then checks that it is a {@code @Workflow}
 * method.
 */
public final class StartCapture {

	private static final ThreadLocal<StartCapture> CURRENT = new ThreadLocal<>();

	private @Nullable Method method;

	private @Nullable Class<?> beanClass;

	private @Nullable Object @Nullable [] args;

	static @Nullable StartCapture current() {
		return CURRENT.get();
	}

	public static StartCapture capture(Runnable call) {
		StartCapture capture = new StartCapture();
		CURRENT.set(capture);
		try {
			call.run();
		}
		finally {
			CURRENT.remove();
		}
		return capture;
	}

	@Nullable Object record(MethodInvocation invocation) {
		Method called = invocation.getMethod();
		if (this.method != null) {
			throw new IllegalArgumentException(
					"The lambda passed to WorkflowClient.start must call exactly one @Workflow method, but it called "
							+ this.method.getName() + " and " + called.getName());
		}
		this.method = called;
		this.beanClass = ClassUtils.getUserClass(invocation.getThis().getClass());
		this.args = invocation.getArguments().clone();
		return defaultValue(called.getReturnType());
	}

	/**
	 * What a recorded call returns instead of a result: {@code null}, or zero for
	 * primitives.
	 */
	static @Nullable Object defaultValue(Class<?> type) {
		return (type.isPrimitive() && type != void.class) ? Array.get(Array.newInstance(type, 1), 0) : null;
	}

	public @Nullable Method method() {
		return this.method;
	}

	public @Nullable Class<?> beanClass() {
		return this.beanClass;
	}

	public @Nullable Object @Nullable [] args() {
		return this.args;
	}

}
