package io.durable.workflow.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Reports {@code workflow.*} properties that fail start-up: a name no property has, with
 * the known name it most likely meant, and a value out of range, as it was written and,
 * for a number without a unit, with the unit it was read in. Ordered ahead of Spring
 * Boot's own analyzers (which have no order), which report the same failures with
 * neither.
 */
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class WorkflowPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

	private static final String ACTION = "Update your application's configuration. The starter's README lists every"
			+ " workflow.* property with its default and minimum.";

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		if (!WorkflowProperties.class.equals(cause.getTarget().getType().resolve())) {
			return null;
		}
		if (cause.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
			return unknownNames(cause, unbound);
		}
		if (cause.getCause() instanceof BindValidationException invalid) {
			return valuesOutOfRange(cause, invalid.getValidationErrors());
		}
		return null;
	}

	private FailureAnalysis unknownNames(BindException cause, UnboundConfigurationPropertiesException unbound) {
		StringBuilder description = new StringBuilder(String.format("%s:%n", cause.getMessage()));
		for (ConfigurationProperty property : unbound.getUnboundProperties()) {
			String closest = WorkflowPropertyNames.closestTo(property.getName());
			String reason = "no workflow property has this name"
					+ ((closest != null) ? "; did you mean " + closest + "?" : "");
			appendProperty(description, property.getName(), property.getValue(), property.getOrigin(), reason);
		}
		return new FailureAnalysis(description.toString(), ACTION, cause);
	}

	private FailureAnalysis valuesOutOfRange(BindException cause, ValidationErrors errors) {
		StringBuilder description = new StringBuilder(String.format("%s:%n", cause.getMessage()));
		for (ObjectError error : errors) {
			if (error instanceof FieldError fieldError) {
				ConfigurationPropertyName name = errors.getName()
					.append(DataObjectPropertyName.toDashedForm(fieldError.getField()));
				ConfigurationProperty written = errors.getBoundProperties()
					.stream()
					.filter((property) -> property.getName().equals(name))
					.findFirst()
					.orElse(null);
				Object rejected = fieldError.getRejectedValue();
				String reason = fieldError.getDefaultMessage() + unitReminder(written, rejected);
				appendProperty(description, (written != null) ? written.getName() : name,
						(written != null) ? written.getValue() : rejected, Origin.from(written), reason);
			}
			else {
				description.append(String.format("%n    Reason: %s%n", error.getDefaultMessage()));
			}
		}
		return new FailureAnalysis(description.toString(), ACTION, cause);
	}

	/**
	 * A number without a unit is read as milliseconds or bytes, rarely what was meant of
	 * a value too small.
	 */
	private static String unitReminder(@Nullable ConfigurationProperty written, @Nullable Object rejected) {
		String value = (written != null) ? written.getValue().toString() : "";
		if (!value.matches("\\d{1,18}")) {
			return "";
		}
		long number = Long.parseLong(value);
		if (Duration.ofMillis(number).equals(rejected)) {
			return String.format("; a number without a unit is milliseconds: %d means %dms, write %ds for seconds",
					number, number, number);
		}
		if (DataSize.ofBytes(number).equals(rejected)) {
			return String.format("; a number without a unit is bytes: %d means %dB, write %dMB for megabytes", number,
					number, number);
		}
		return "";
	}

	private static void appendProperty(StringBuilder description, ConfigurationPropertyName name,
			@Nullable Object value, @Nullable Origin origin, String reason) {
		description.append(String.format("%n    Property: %s", name));
		description.append(String.format("%n    Value: \"%s\"", value));
		if (origin != null) {
			description.append(String.format("%n    Origin: %s", origin));
		}
		description.append(String.format("%n    Reason: %s%n", reason));
	}

}
