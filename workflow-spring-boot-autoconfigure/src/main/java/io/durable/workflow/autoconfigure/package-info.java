/**
 * Spring Boot auto-configuration of the engine, the journal and the actuator parts, and
 * their properties ({@code workflow.*}).
 */
@NullMarked
package io.durable.workflow.autoconfigure;

import org.jspecify.annotations.NullMarked;
