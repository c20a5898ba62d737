/**
 * The {@code workflows} actuator endpoint, its health indicator, metrics and live status
 * streams.
 */
@NullMarked
package io.durable.workflow.actuate;

import org.jspecify.annotations.NullMarked;
