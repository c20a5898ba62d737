/**
 * What the engine tells the outside: Micrometer observations of starts, turns and steps,
 * the application events of state changes and journaled steps, and the watchers of live
 * status streams. Internal API: it may change in any release.
 */
@NullMarked
package io.durable.workflow.engine.observation;

import org.jspecify.annotations.NullMarked;
