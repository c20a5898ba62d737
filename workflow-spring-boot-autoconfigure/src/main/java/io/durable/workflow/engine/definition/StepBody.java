package io.durable.workflow.engine.definition;

import org.jspecify.annotations.Nullable;

/** The work of a step: a proxied method call to proceed with, or a lambda. */
@FunctionalInterface
public interface StepBody {

	@Nullable Object run() throws Throwable;

}
