package com.example.onboarding.workflow;

/**
 * Text from the language model, as {@link ContentSteps} returns it; journaled as JSON.
 *
 * @param text the generated text
 * @param needsRefinement whether it goes through the refinement workflow before it is
 * used
 */
public record Draft(String text, boolean needsRefinement) {
}
