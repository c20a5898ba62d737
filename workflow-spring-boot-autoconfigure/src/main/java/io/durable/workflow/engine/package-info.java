/**
 * The engine of a node and its lifecycle: {@code WorkflowEngine} assembles the parts in
 * the subpackages (definitions, dispatch, execution, observation, client), starts and
 * stops them, and answers the read-only {@code WorkflowMonitor};
 * {@code WorkflowRetention} deletes old runs. Internal API: it may change in any release.
 */
@NullMarked
package io.durable.workflow.engine;

import org.jspecify.annotations.NullMarked;
