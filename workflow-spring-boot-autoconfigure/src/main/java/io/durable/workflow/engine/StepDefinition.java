package io.durable.workflow.engine;

/**
 * A {@code @Step} method as the executor needs it.
 *
 * @param name the step name
 * @param transactional whether it commits with its journal entry
 * @param resultType how its result is stored
 */
record StepDefinition(String name, boolean transactional, PayloadType resultType) {
}
