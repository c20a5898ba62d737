package io.durable.workflow;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method of a Spring bean as a durable workflow.
 *
 * <p>
 * Start it with {@link WorkflowClient#start(Class, java.util.function.Consumer)} or by
 * name. The method then runs on a workflow pool thread; every {@link Step} it calls is
 * journaled in the application's database before the code moves on, so the workflow
 * survives crashes and restarts: after a restart it is replayed from its journal,
 * completed steps return their recorded results without running again, and execution
 * continues with the first step that has no result yet.
 *
 * <p>
 * Workflow code must be deterministic: given the same step results it must call the same
 * steps in the same order. Do side effects (I/O, randomness, reading the clock) inside
 * steps. A replay that calls a different step than the journal recorded at that position
 * parks the run (it stays in progress and says why, see
 * {@link WorkflowStatus.InProgress#stalled()}) until a node whose code replays it claims
 * it; with {@code workflow.on-divergence=fail} it fails the run with a
 * {@link NonDeterministicWorkflowException}. Branch changed code with
 * {@link Workflows#patched}.
 *
 * <p>
 * Arguments and the return value are stored as JSON with the application's Jackson
 * mapper, typed by the method signature.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Workflow {

	/**
	 * The workflow's name, unique in the application, stored with every run. Defaults to
	 * {@code SimpleClassName.methodName}. Keep it stable while runs are in progress: a
	 * run is resumed by the workflow registered under its name.
	 * @return the workflow name, or empty for the default
	 */
	String name() default "";

	/**
	 * The default retry behaviour of this workflow's plain steps that have no setting of
	 * their own: {@code @Retry} (or a custom one) to retry them, {@code @Retry(false)}
	 * not to. {@code workflow.workflows.<name>.retry.*} properties override it. Unset,
	 * the application's {@code workflow.retry.*} applies.
	 * @return at most one retry setting
	 */
	Retry[] retry() default {};

}
