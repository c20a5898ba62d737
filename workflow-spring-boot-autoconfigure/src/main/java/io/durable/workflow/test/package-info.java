/**
 * Testing workflows: {@link io.durable.workflow.test.WorkflowTestClock}, a clock tests
 * move, and its helpers for runs that wait.
 */
@NullMarked
package io.durable.workflow.test;

import org.jspecify.annotations.NullMarked;
