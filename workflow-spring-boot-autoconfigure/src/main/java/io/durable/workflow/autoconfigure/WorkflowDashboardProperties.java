package io.durable.workflow.autoconfigure;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The embedded workflow dashboard (with Spring MVC). */
public class WorkflowDashboardProperties {

	/**
	 * Whether the application serves the workflow dashboard: a page that lists the
	 * workflow runs and shows each one, through the application's own web server and
	 * security. Off unless enabled.
	 */
	private boolean enabled;

	/**
	 * Where the dashboard is served, and its API below it ({path}/api): on the
	 * application's server, or on the management server when Actuator runs it on a port
	 * of its own.
	 */
	@NotNull
	@Pattern(regexp = "/[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*",
			message = "must start with / and hold path segments only")
	private String path = "/workflows";

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

}
