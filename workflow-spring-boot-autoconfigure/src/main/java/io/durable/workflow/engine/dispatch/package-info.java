/**
 * Dispatch: which runs this node holds and when each turn runs. The {@code Dispatcher}
 * claims due runs and releases runs through {@code RunClaims}, hands turns to the
 * {@code WorkflowPool}, keeps waiting runs asleep in {@code WakeTimers}, and keeps this
 * node's leases ({@code LeaseKeeper}, {@code FastTakeover}). Internal API: it may change
 * in any release.
 */
@NullMarked
package io.durable.workflow.engine.dispatch;

import org.jspecify.annotations.NullMarked;
