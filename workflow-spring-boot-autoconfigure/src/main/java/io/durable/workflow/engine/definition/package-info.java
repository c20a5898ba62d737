/**
 * Workflow and step definitions: the {@code WorkflowRegistry} of {@code @Workflow} and
 * {@code @Step} methods, the {@code PayloadCodec} of their arguments and results, retry
 * settings, and the bean post-processor and interceptor that route calls to the engine.
 * Internal API: it may change in any release.
 */
@NullMarked
package io.durable.workflow.engine.definition;

import org.jspecify.annotations.NullMarked;
