package com.example.onboarding.workflow;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * The value of the {@link OnboardingWorkflow#EMAIL_VERIFICATION} event: the code the user
 * typed in, from the verification email. Its constraints are checked when the event is
 * sent, so a malformed code is rejected there and never reaches the workflow.
 *
 * @param code the code, 6 digits
 */
public record EmailVerification(
		@NotBlank @Pattern(regexp = "[0-9]{6}", message = "must be the 6-digit code from the email") String code) {
}
