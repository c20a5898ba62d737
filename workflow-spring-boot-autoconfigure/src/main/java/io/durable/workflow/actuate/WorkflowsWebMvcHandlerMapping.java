package io.durable.workflow.actuate;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;
import org.springframework.web.util.UriUtils;

/**
 * The {@code workflows} endpoint's operations that actuator cannot map, in Spring MVC
 * applications: {@code GET <endpoint>/queues}, the named queues with their limits and
 * runs, {@code GET <endpoint>/{id}/stream}, a run's live status as server-sent events,
 * {@code GET <endpoint>/{id}/journal}, its journal as exported, {@code POST
 * <endpoint>/{id}/events/{name}} with the event's value as the JSON body, {@code POST
 * <endpoint>/{id}/fail} with {@code {"reason": "..."}}, and {@code POST
 * <endpoint>/{id}/fork} with {@code {"fromStep": n}} (these three with write access
 * only). Ordered before actuator's own mapping, which takes every path below the
 * endpoint's (ids may hold slashes).
 */
public class WorkflowsWebMvcHandlerMapping extends AbstractHandlerMapping {

	/** Before actuator's endpoint mapping (-100). */
	static final int ORDER = -200;

	static final EndpointId ENDPOINT = EndpointId.of("workflows");

	private final PathMappedEndpoints endpoints;

	private final EndpointAccessResolver access;

	private final HandlerMethod stream;

	private final HandlerMethod sendEvent;

	private final HandlerMethod fail;

	private final HandlerMethod fork;

	private final HandlerMethod journal;

	private final HandlerMethod queues;

	/**
	 * @param endpoints where the {@code workflows} endpoint is mapped
	 * @param access whether its write operations are allowed
	 * @param handler handles what this mapping finds
	 */
	public WorkflowsWebMvcHandlerMapping(PathMappedEndpoints endpoints, EndpointAccessResolver access,
			WorkflowsWebMvcHandler handler) {
		this.endpoints = endpoints;
		this.access = access;
		this.stream = handlerMethod(handler, "stream");
		this.sendEvent = handlerMethod(handler, "sendEvent");
		this.fail = handlerMethod(handler, "fail");
		this.fork = handlerMethod(handler, "fork");
		this.journal = handlerMethod(handler, "journal");
		this.queues = handlerMethod(handler, "queues");
		setOrder(ORDER);
	}

	private static HandlerMethod handlerMethod(WorkflowsWebMvcHandler handler, String name) {
		Method method = Arrays.stream(ReflectionUtils.getDeclaredMethods(WorkflowsWebMvcHandler.class))
			.filter((candidate) -> candidate.getName().equals(name))
			.findFirst()
			.orElseThrow();
		return new HandlerMethod(handler, method);
	}

	@Override
	protected @Nullable Object getHandlerInternal(HttpServletRequest request) {
		String root = this.endpoints.getPath(ENDPOINT);
		String path = initLookupPath(request);
		if (root == null || !path.startsWith(root + "/")) {
			return null;
		}
		String[] segments = Arrays.stream(path.substring(root.length() + 1).split("/"))
			.map((segment) -> UriUtils.decode(segment, StandardCharsets.UTF_8))
			.toArray(String[]::new);
		int length = segments.length;
		if ("GET".equals(request.getMethod()) && length == 1 && segments[0].equals("queues")) {
			return this.queues;
		}
		if ("GET".equals(request.getMethod()) && length >= 2 && segments[length - 1].equals("stream")) {
			request.setAttribute(WorkflowsWebMvcHandler.WORKFLOW_ID,
					String.join("/", Arrays.copyOf(segments, length - 1)));
			return this.stream;
		}
		if ("GET".equals(request.getMethod()) && length >= 2 && segments[length - 1].equals("journal")) {
			request.setAttribute(WorkflowsWebMvcHandler.WORKFLOW_ID,
					String.join("/", Arrays.copyOf(segments, length - 1)));
			return this.journal;
		}
		boolean writes = "POST".equals(request.getMethod())
				&& this.access.accessFor(ENDPOINT, Access.READ_ONLY) == Access.UNRESTRICTED;
		if (writes && length >= 2 && segments[length - 1].equals("fail")) {
			request.setAttribute(WorkflowsWebMvcHandler.WORKFLOW_ID,
					String.join("/", Arrays.copyOf(segments, length - 1)));
			return this.fail;
		}
		if (writes && length >= 2 && segments[length - 1].equals("fork")) {
			request.setAttribute(WorkflowsWebMvcHandler.WORKFLOW_ID,
					String.join("/", Arrays.copyOf(segments, length - 1)));
			return this.fork;
		}
		if (writes && length >= 3 && segments[length - 2].equals("events")) {
			request.setAttribute(WorkflowsWebMvcHandler.WORKFLOW_ID,
					String.join("/", Arrays.copyOf(segments, length - 2)));
			request.setAttribute(WorkflowsWebMvcHandler.EVENT_NAME, segments[length - 1]);
			return this.sendEvent;
		}
		return null;
	}

}
