package io.durable.workflow.engine.definition;

import java.util.Map;

import io.durable.workflow.RetryPolicy;
import org.jspecify.annotations.Nullable;

/**
 * Resolves the retry policy of one step call from its layers, most specific first: the
 * call's own ({@code Workflows.step(..).retry(..)}), the step's
 * ({@code @Step(retry = ..)}), the workflow's properties
 * ({@code workflow.workflows.<name>.retry.*}), the workflow's annotation, and the
 * application's ({@code workflow.retry.*}). A step without a setting of its own retries
 * only if it is a plain step and its workflow (or the application) retries plain steps by
 * default.
 *
 * <p>
 * Internal API: it may change in any release.
 */
public final class RetrySettings {

	private final RetryPolicy defaults;

	private final boolean actionsByDefault;

	private final Map<String, RetryOverride> byWorkflow;

	/**
	 * @param defaults the application's policy
	 * @param actionsByDefault whether plain steps retry without a setting of their own
	 * @param byWorkflow the properties of individual workflows, by name
	 */
	public RetrySettings(RetryPolicy defaults, boolean actionsByDefault, Map<String, RetryOverride> byWorkflow) {
		this.defaults = defaults;
		this.actionsByDefault = actionsByDefault;
		this.byWorkflow = Map.copyOf(byWorkflow);
		this.byWorkflow.forEach((name, override) -> override.check("workflow.workflows." + name + ".retry"));
	}

	/** The policy of a step call, or {@code null} if it must not be retried. */
	public @Nullable RetryPolicy policy(WorkflowDefinition workflow, StepDefinition step, RetryOverride call) {
		RetryOverride workflowLayer = this.byWorkflow.getOrDefault(workflow.name(), RetryOverride.NONE)
			.orElse(workflow.retry());
		RetryOverride own = call.orElse(step.retry());
		boolean enabled;
		if (own.enabled() != null) {
			enabled = own.enabled();
		}
		else if (step.transactional()) {
			enabled = false;
		}
		else {
			enabled = (workflowLayer.enabled() != null) ? workflowLayer.enabled() : this.actionsByDefault;
		}
		if (!enabled) {
			return null;
		}
		RetryOverride resolved = own.orElse(workflowLayer);
		return RetryPolicy.of((resolved.maxAttempts() != null) ? resolved.maxAttempts() : this.defaults.maxAttempts(),
				(resolved.initialBackoff() != null) ? resolved.initialBackoff() : this.defaults.initialBackoff(),
				(resolved.base() != null) ? resolved.base() : this.defaults.base());
	}

}
