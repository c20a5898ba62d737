package com.example.onboarding.web;

import java.util.Arrays;

import io.durable.workflow.ListQuery;
import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowPage;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.WorkflowSummary;

import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/workflows?name=&state=&cursor=&limit=}: the workflows, newest first, a
 * page at a time, optionally only those of one name or in one state. The
 * {@code nextCursor} of a page, passed as {@code cursor} with the same filters, fetches
 * the next one. Empty parameters count as absent.
 */
@RestController
class WorkflowListController {

	private static final int DEFAULT_LIMIT = 20;

	private static final int MAX_LIMIT = 100;

	private final WorkflowClient workflows;

	WorkflowListController(WorkflowClient workflows) {
		this.workflows = workflows;
	}

	@GetMapping("/api/workflows")
	WorkflowListView list(@RequestParam(required = false) String name, @RequestParam(required = false) String state,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) String limit) {
		ListQuery query = ListQuery.first(limit(limit)).descending();
		if (StringUtils.hasLength(state)) {
			query = query.state(state(state));
		}
		if (StringUtils.hasLength(cursor)) {
			query = query.after(cursor);
		}
		try {
			WorkflowPage<WorkflowSummary> page = StringUtils.hasLength(name) ? this.workflows.listByName(name, query)
					: this.workflows.list(query);
			return WorkflowListView.of(page);
		}
		catch (IllegalArgumentException ex) {
			// The one argument the client checks here: the cursor.
			throw new InvalidRequestException(ex.getMessage());
		}
	}

	private static int limit(String limit) {
		if (!StringUtils.hasLength(limit)) {
			return DEFAULT_LIMIT;
		}
		try {
			int value = Integer.parseInt(limit);
			if (value >= 1 && value <= MAX_LIMIT) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// Answered below, as a number out of range is.
		}
		throw new InvalidRequestException(
				"The query parameter 'limit' must be a number from 1 to " + MAX_LIMIT + ", got '" + limit + "'");
	}

	private static WorkflowState state(String state) {
		try {
			return WorkflowState.valueOf(state);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("The query parameter 'state' must be one of "
					+ Arrays.toString(WorkflowState.values()) + ", got '" + state + "'");
		}
	}

}
