package io.durable.workflow.dashboard;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * The application's Spring Security as the dashboard consults it: whether its rules let
 * the current user send a request, and the CSRF token the page must send back.
 *
 * <p>
 * Internal API: it may change in any release.
 */
public final class DashboardSecurity {

	private final WebInvocationPrivilegeEvaluator privileges;

	/**
	 * @param privileges evaluates the application's rules
	 */
	public DashboardSecurity(WebInvocationPrivilegeEvaluator privileges) {
		this.privileges = privileges;
	}

	boolean allows(HttpServletRequest request, String path) {
		return this.privileges.isAllowed(request.getContextPath(), path, "POST",
				SecurityContextHolder.getContext().getAuthentication());
	}

	@Nullable Map<String, String> csrf(HttpServletRequest request) {
		return (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token)
				? Map.of("header", token.getHeaderName(), "token", token.getToken()) : null;
	}

}
