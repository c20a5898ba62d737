package io.durable.workflow.engine.definition;

/**
 * A step as the executor needs it: a {@code @Step} method, or a step defined at the call
 * site with {@code Workflows.step(name)}.
 *
 * @param name the step name
 * @param transactional whether it commits with its journal entry
 * @param retry the step's own retry setting
 * @param resultType how its result is stored
 * @param plainJson whether the result type is unknown, so the result must read back as
 * itself from plain JSON
 */
public record StepDefinition(String name, boolean transactional, RetryOverride retry, PayloadType resultType,
		boolean plainJson) {
}
