package io.durable.workflow.engine.execution;

/**
 * A call a {@code Workflows.async} lambda made, recorded instead of made: a step or a
 * child workflow.
 */
sealed interface CapturedCall permits CapturedStep, ChildCall {

	/** The name the call is journaled under. */
	String name();

}
