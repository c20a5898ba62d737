package com.example.onboarding.web;

/**
 * The JSON body of {@code POST /api/onboarding}.
 *
 * @param workflowId the id of the started workflow, for {@code GET /api/workflows/{id}}
 */
record WorkflowStarted(String workflowId) {
}
