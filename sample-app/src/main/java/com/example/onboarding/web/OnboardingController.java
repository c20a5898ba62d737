package com.example.onboarding.web;

import com.example.onboarding.workflow.EmailVerification;
import com.example.onboarding.workflow.EmailVerifications;
import com.example.onboarding.workflow.Onboardings;
import io.durable.workflow.WorkflowId;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The onboarding's own endpoints, open to end users.
 * {@code POST /api/onboarding?userId=...} starts an onboarding workflow and answers at
 * once with {@code 202 Accepted}, the workflow's id, and its status URL in
 * {@code Location}; {@code 400} for an invalid user id. With an {@code Idempotency-Key}
 * header the key is the workflow's id: the same start repeated (say, after a timeout)
 * answers the same and starts nothing; the key with another user is a {@code 422}, a
 * malformed key a {@code 400}. {@code POST /api/onboarding/{workflowId}/verify} with
 * {@code {"code": "123456"}} passes the code from the verification email on to the
 * waiting workflow: {@code 202 Accepted}, or {@code 400} for a malformed or wrong code,
 * {@code 404} for an unknown workflow, {@code 409} if it has not sent its email yet or
 * has finished.
 */
@RestController
class OnboardingController {

	private final Onboardings onboardings;

	private final EmailVerifications verifications;

	OnboardingController(Onboardings onboardings, EmailVerifications verifications) {
		this.onboardings = onboardings;
		this.verifications = verifications;
	}

	@PostMapping("/api/onboarding")
	ResponseEntity<WorkflowStarted> start(@RequestParam(required = false) String userId,
			@RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey) {
		String user = UserIds.parse(userId);
		WorkflowId id = this.onboardings.start(user,
				(idempotencyKey != null) ? IdempotencyKeys.parse(idempotencyKey) : null);
		return ResponseEntity.accepted()
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
