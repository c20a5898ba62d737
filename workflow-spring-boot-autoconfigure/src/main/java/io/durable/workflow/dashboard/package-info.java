/**
 * The embedded workflow dashboard: its JSON API and, as static resources beside it, the
 * page that uses it.
 */
@NullMarked
package io.durable.workflow.dashboard;

import org.jspecify.annotations.NullMarked;
