package io.durable.workflow;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method of a Spring bean as a workflow step.
 *
 * <p>
 * Called from a {@link Workflow}'s own code, the call is journaled: its result (or its
 * failure) is written to the journal before the workflow continues, and when the workflow
 * is replayed the recorded result is returned without running the method again. Called
 * anywhere else (including from inside another step) it is a plain method call.
 *
 * <p>
 * A plain step is executed <em>at least once</em>: if the process dies while it runs, it
 * runs again when the workflow resumes. A {@linkplain #transactional() transactional}
 * step runs <em>exactly once</em>: its own database writes and its journal entry commit
 * in one transaction.
 *
 * <p>
 * Calls through {@code this} bypass the Spring proxy and are not journaled: call steps on
 * another bean (or an injected self reference).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Step {

	/**
	 * The step's name, recorded in the journal and checked on replay. Defaults to
	 * {@code SimpleClassName.methodName}.
	 * @return the step name, or empty for the default
	 */
	String name() default "";

	/**
	 * Whether the step runs in a new transaction of the application's transaction manager
	 * that also writes the step's journal entry, so its database writes and its recorded
	 * result commit together, exactly once.
	 * @return {@code true} for an exactly-once transactional step
	 */
	boolean transactional() default false;

	/**
	 * How the step is retried when it throws: {@code @Retry} for the workflow's default
	 * policy, {@code @Retry(false)} for none, or a custom {@link Retry}. Unset, a plain
	 * step follows {@code workflow.retry.actions-by-default} (and the workflow's own
	 * setting); a transactional step is not retried.
	 * @return at most one retry setting
	 */
	Retry[] retry() default {};

}
