/**
 * What the {@code workflows} endpoint's Spring MVC operations and the dashboard share:
 * live status streams of runs, as server-sent events.
 *
 * <p>
 * Internal API: it may change in any release.
 */
@NullMarked
package io.durable.workflow.web;

import org.jspecify.annotations.NullMarked;
