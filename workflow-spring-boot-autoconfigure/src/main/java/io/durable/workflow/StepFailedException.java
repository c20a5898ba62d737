package io.durable.workflow;

import org.jspecify.annotations.Nullable;

/**
 * A {@link Step} threw. Raised in the workflow's code at the step call, where the
 * workflow may catch it; uncaught, the workflow fails with its message.
 *
 * <p>
 * The failure is journaled, so a replay raises this exception again at the same place.
 * Only the original exception's type name and message are stored (stored data never
 * chooses a class to instantiate), so {@link #getCause()} is the original exception when
 * the step ran in this process and {@code null} when its failure was replayed from the
 * journal: branch on {@link #errorType()} rather than on the cause.
 */
public class StepFailedException extends WorkflowException {

	private static final long serialVersionUID = 1L;

	private final String stepName;

	private final String errorType;

	private final @Nullable String errorMessage;

	public StepFailedException(String stepName, String errorType, @Nullable String errorMessage,
			@Nullable Throwable cause) {
		super("Step '" + stepName + "' failed: " + errorType + ((errorMessage != null) ? ": " + errorMessage : ""),
				cause);
		this.stepName = stepName;
		this.errorType = errorType;
		this.errorMessage = errorMessage;
	}

	/**
	 * The failed step's name.
	 * @return the step name
	 */
	public String stepName() {
		return this.stepName;
	}

	/**
	 * The fully qualified class name of the exception the step threw.
	 * @return the original exception type
	 */
	public String errorType() {
		return this.errorType;
	}

	/**
	 * The message of the exception the step threw.
	 * @return the original message, or {@code null} if it had none
	 */
	public @Nullable String errorMessage() {
		return this.errorMessage;
	}

}
