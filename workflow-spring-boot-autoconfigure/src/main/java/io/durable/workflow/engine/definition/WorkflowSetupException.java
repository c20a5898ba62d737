package io.durable.workflow.engine.definition;

import org.jspecify.annotations.Nullable;

/**
 * The workflow engine cannot start as the application is set up. Its message says what is
 * wrong and what to do about it; Spring Boot's start-up failure report shows the two
 * apart.
 *
 * <p>
 * Internal API: it may change in any release.
 */
public final class WorkflowSetupException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String description;

	private final String action;

	/**
	 * @param description what is wrong
	 * @param action what to do about it
	 */
	public WorkflowSetupException(String description, String action) {
		this(description, action, null);
	}

	/**
	 * @param description what is wrong
	 * @param action what to do about it
	 * @param cause what found it, if anything
	 */
	public WorkflowSetupException(String description, String action, @Nullable Throwable cause) {
		super(description + "\nAction: " + action, cause);
		this.description = description;
		this.action = action;
	}

	/**
	 * What is wrong.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

	/**
	 * What to do about it.
	 * @return the action
	 */
	public String action() {
		return this.action;
	}

}
