package com.example.onboarding.security;

import com.example.onboarding.SampleProperties;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may operate the workflows, through actuator and through the sample's own
 * {@code /api/workflows}, and on the dashboard ({@code /workflows}): the health status is
 * open to anyone; reading (the dashboard, listing and inspecting workflows, their
 * streams, metrics, health details) takes the {@code OPERATOR} role; changing them
 * (cancel, cleanup, events) the {@code ADMIN} role. Two demo users, {@code operator} and
 * {@code admin}, with passwords from {@code sample.security.*}. The APIs take HTTP basic;
 * the dashboard, a page for people, a login form and a session, with Spring Security's
 * CSRF protection. The end users' onboarding API ({@code /api/onboarding}) stays open.
 */
@Configuration(proxyBeanMethods = false)
class OperationsSecurity {

	static final String OPERATOR = "OPERATOR";

	static final String ADMIN = "ADMIN";

	/**
	 * The sample's own view of the workflows, {@code /api/workflows} and all below it.
	 */
	private static final String WORKFLOWS_API = "/api/workflows/**";

	/**
	 * The starter's dashboard (workflow.dashboard.*), its page and its API, and the login
	 * form.
	 */
	private static final String[] DASHBOARD = { "/workflows", "/workflows/**", "/login", "/logout" };

	/**
	 * HTTP basic on every actuator endpoint and on {@code /api/workflows}. Credentials
	 * come with every request and no session is kept, so there is no session a forged
	 * request could ride on: CSRF protection is off here.
	 */
	@Bean
	@Order(1)
	SecurityFilterChain operationsFilterChain(HttpSecurity http) throws Exception {
		return http
			.securityMatchers((matchers) -> matchers.requestMatchers(EndpointRequest.toAnyEndpoint())
				.requestMatchers(WORKFLOWS_API))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to("health"))
				.permitAll()
				.requestMatchers(HttpMethod.GET)
				.hasAnyRole(OPERATOR, ADMIN)
				.anyRequest()
				.hasRole(ADMIN))
			.httpBasic(Customizer.withDefaults())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.build();
	}

	/**
	 * The dashboard: a login form, then a session. Its actions carry the CSRF token the
	 * dashboard reads from Spring Security, so CSRF protection stays on.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain dashboardFilterChain(HttpSecurity http) throws Exception {
		return http.securityMatcher(DASHBOARD)
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET)
				.hasAnyRole(OPERATOR, ADMIN)
				.anyRequest()
				.hasRole(ADMIN))
			.formLogin((login) -> login.defaultSuccessUrl("/workflows/").permitAll())
			.logout((logout) -> logout.permitAll())
			.build();
	}

	/** The onboarding API, and everything else: open, as a JSON API without sessions. */
	@Bean
	@Order(3)
	SecurityFilterChain applicationFilterChain(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.build();
	}

	@Bean
	UserDetailsService operationsUsers(SampleProperties properties) {
		SampleProperties.Security security = properties.security();
		return new InMemoryUserDetailsManager(
				User.withUsername("operator").password("{noop}" + security.operatorPassword()).roles(OPERATOR).build(),
				User.withUsername("admin").password("{noop}" + security.adminPassword()).roles(ADMIN).build());
	}

}
