package io.durable.workflow;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Retry behaviour of a step, or the default of a workflow's steps; used inside
 * {@link Step#retry()} and {@link Workflow#retry()}:
 *
 * <pre>{@code
 * &#64;Step(retry = @Retry)                                           // retry with the default policy

 * &#64;Step(retry = @Retry(false))                                    // never retry
 *
&#64;Step(retry = @Retry(maxAttempts = 3, initialBackoff = "1s"))   // a custom policy
 * }</pre>
 *
 * Attributes left unset take the workflow's value
 * ({@code workflow.workflows.<name>.retry.*} or {@link Workflow#retry()}), then the
 * application's ({@code workflow.retry.*}).
 */
@Target({})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Retry {

	/**
	 * Whether to retry at all.
	 * @return {@code false} to fail at the first error
	 */
	boolean value() default true;

	/**
	 * How many attempts in all, the first one included; 0 to inherit.
	 * @return the maximum number of attempts
	 */
	int maxAttempts() default 0;

	/**
	 * The wait before the second attempt, as a duration such as {@code "250ms"} or
	 * {@code "2s"}; empty to inherit.
	 * @return the initial backoff
	 */
	String initialBackoff() default "";

	/**
	 * The factor each further wait grows by (at least 1); 0 to inherit.
	 * @return the backoff base
	 */
	double base() default 0;

}
