package com.example.onboarding.web;

import com.example.onboarding.workflow.EmailVerification;
import com.example.onboarding.workflow.EmailVerifications;
import com.example.onboarding.workflow.OnboardingOutcomes;
import com.example.onboarding.workflow.OnboardingRequest;
import com.example.onboarding.workflow.OnboardingWorkflow;
import io.durable.workflow.StartOptions;
import io.durable.workflow.WorkflowClient;
import io.durable.workflow.WorkflowId;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The onboarding's own endpoints. {@code POST /api/onboarding?userId=...} starts an onboarding
 * workflow, whose outcome {@link OnboardingOutcomes} records, and answers at once with
 * {@code 202 Accepted}, the workflow's id, and its status URL in {@code Location}.
 * {@code POST /api/onboarding/{workflowId}/verify} with {@code {"code": "123456"}} passes the
 * code from the verification email on to the waiting workflow: {@code 202 Accepted}, or
 * {@code 400} for a malformed or wrong code, {@code 404} for an unknown workflow, {@code 409} if
 * it has not sent its email yet or has finished.
 */
@RestController
class OnboardingController {

	private static final int MAX_USER_ID_LENGTH = 255;

	private final WorkflowClient workflows;

	private final EmailVerifications verifications;

	OnboardingController(WorkflowClient workflows, EmailVerifications verifications) {
		this.workflows = workflows;
		this.verifications = verifications;
	}

	@PostMapping("/api/onboarding")
	ResponseEntity<WorkflowStarted> start(@RequestParam(required = false) String userId) {
		if (userId == null || userId.isBlank() || userId.length() > MAX_USER_ID_LENGTH) {
			throw new InvalidRequestException(
					"The query parameter 'userId' is required: 1 to " + MAX_USER_ID_LENGTH + " characters, not blank");
		}
		StartOptions options = StartOptions.defaults()
			.onComplete(OnboardingOutcomes.class)
			.context(new OnboardingRequest(userId));
		WorkflowId id = this.workflows.start(OnboardingWorkflow.class, (workflow) -> workflow.onboard(userId), options);
		return ResponseEntity
			.accepted()
			.location(ServletUriComponentsBuilder.fromCurrentContextPath()
				.path("/api/workflows/{id}")
				.buildAndExpand(id.value())
				.toUri())
			.body(new WorkflowStarted(id.value()));
	}

	@PostMapping("/api/onboarding/{workflowId}/verify")
	ResponseEntity<Void> verify(@PathVariable String workflowId, @RequestBody EmailVerification verification) {
		this.verifications.verify(WorkflowIds.parse(workflowId), verification);
		return ResponseEntity.accepted().build();
	}

}
