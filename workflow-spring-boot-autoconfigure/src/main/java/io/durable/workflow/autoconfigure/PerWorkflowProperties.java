package io.durable.workflow.autoconfigure;

import jakarta.validation.Valid;

import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Settings of one workflow; unset ones follow the workflow's annotation, then the
 * application's.
 */
public class PerWorkflowProperties {

	@Valid
	@NestedConfigurationProperty
	private final RetryOverrideProperties retry = new RetryOverrideProperties();

	public RetryOverrideProperties getRetry() {
		return this.retry;
	}

}
