package io.durable.workflow.dashboard;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Who may act on the dashboard: nobody unless the {@code workflows} endpoint grants write
 * access ({@code management.endpoint.workflows.access=unrestricted}), and then, where the
 * application has Spring Security, the users its rules let send the action's request.
 * Every action must also carry the {@value #HEADER} header, which only the dashboard's
 * own page sends: another site's page cannot send it without the browser asking this
 * server first, so a request forged by one is refused.
 *
 * <p>
 * Internal API: it may change in any release.
 */
public final class DashboardAccess {

	/** The header every action carries. */
	public static final String HEADER = "X-Workflow-Dashboard";

	private final boolean writable;

	private final @Nullable DashboardSecurity security;

	/**
	 * @param writable whether the endpoint's access allows writes
	 * @param security the application's Spring Security, or {@code null} if it has none
	 */
	public DashboardAccess(boolean writable, @Nullable DashboardSecurity security) {
		this.writable = writable;
		this.security = security;
	}

	/**
	 * Whether the user of a request may send an action's request.
	 * @param request the user's request
	 * @param path the action's path, below the context path
	 * @return whether the dashboard offers the action
	 */
	boolean allows(HttpServletRequest request, String path) {
		return this.writable && (this.security == null || this.security.allows(request, path));
	}

	/**
	 * The header and token the page must send with its actions for Spring Security's CSRF
	 * protection, if the request went through it.
	 * @param request the page's request
	 * @return the header's name and value, or {@code null}
	 */
	@Nullable Map<String, String> csrf(HttpServletRequest request) {
		return (this.security != null) ? this.security.csrf(request) : null;
	}

	/**
	 * Refuses an action the dashboard does not allow, or that its page did not send.
	 * @param request the action's request
	 * @throws DashboardActionRefusedException if it is refused
	 */
	void check(HttpServletRequest request) {
		if (!this.writable) {
			throw new DashboardActionRefusedException("The dashboard is read-only: its actions need write access to the"
					+ " workflows endpoint (management.endpoint.workflows.access=unrestricted)");
		}
		if (request.getHeader(HEADER) == null) {
			throw new DashboardActionRefusedException("A dashboard action must carry the " + HEADER
					+ " header, which the dashboard's page sends: this request did not come from it");
		}
	}

}
