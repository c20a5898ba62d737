package com.example.onboarding.web;

import com.example.onboarding.workflow.OnboardingWorkflow;
import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowId;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * {@code POST /api/onboarding?userId=...}: starts an onboarding workflow and answers at once
 * with {@code 202 Accepted}, the workflow's id, and its status URL in {@code Location}.
 */
@RestController
class OnboardingController {

	private static final int MAX_USER_ID_LENGTH = 255;

	private final WorkflowClient workflows;

	OnboardingController(WorkflowClient workflows) {
		this.workflows = workflows;
	}

	@PostMapping("/api/onboarding")
	ResponseEntity<WorkflowStarted> start(@RequestParam(required = false) String userId) {
		if (userId == null || userId.isBlank() || userId.length() > MAX_USER_ID_LENGTH) {
			throw new InvalidRequestException(
					"The query parameter 'userId' is required: 1 to " + MAX_USER_ID_LENGTH + " characters, not blank");
		}
		WorkflowId id = this.workflows.start(OnboardingWorkflow.class, (workflow) -> workflow.onboard(userId));
		return ResponseEntity
			.accepted()
			.location(ServletUriComponentsBuilder.fromCurrentContextPath()
				.path("/api/workflows/{id}")
				.buildAndExpand(id.value())
				.toUri())
			.body(new WorkflowStarted(id.value()));
	}

}
