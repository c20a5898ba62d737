package com.example.onboarding.workflow;

/**
 * What the CRM knows about a user, as {@link CrmSteps} returns it; journaled as JSON.
 *
 * @param userId the user
 * @param displayName how to address the user
 * @param plan the user's subscription plan
 */
public record CrmProfile(String userId, String displayName, String plan) {
}
