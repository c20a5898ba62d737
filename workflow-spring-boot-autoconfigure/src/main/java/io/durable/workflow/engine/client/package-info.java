/**
 * The {@code WorkflowClient} of a node, in parts: starts, reads, result waits, cancels
 * and events, each recorded in the journal and then told to the dispatcher through its
 * {@code DispatchPort}. Internal API: it may change in any release.
 */
@NullMarked
package io.durable.workflow.engine.client;

import org.jspecify.annotations.NullMarked;
