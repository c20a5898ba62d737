/**
 * The engine: dispatch, leases, a turn's execution and replay, steps, events and child workflows.
 * Internal API: it may change in any release.
 */
@NullMarked
package io.durable.workflow.engine;

import org.jspecify.annotations.NullMarked;
