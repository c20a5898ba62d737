package com.example.onboarding.workflow;

/**
 * What the start of an onboarding hands to {@link OnboardingOutcomes}: the context of the
 * workflow's completion, stored as JSON with the run.
 *
 * @param userId the user being onboarded
 */
public record OnboardingRequest(String userId) {
}
