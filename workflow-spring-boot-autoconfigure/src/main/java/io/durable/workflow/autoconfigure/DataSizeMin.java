package io.durable.workflow.autoconfigure;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * The annotated {@link DataSize} must be at least {@link #value()}; {@code null} is
 * valid. Bean Validation has no constraint of its own for a {@code DataSize}.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = DataSizeMin.Validator.class)
@interface DataSizeMin {

	/**
	 * The smallest valid size, as a property would give it ({@code 1KB}).
	 * @return the smallest valid size
	 */
	String value();

	/**
	 * The message of a violation.
	 * @return the message
	 */
	String message() default "must be at least {value}";

	/**
	 * The groups the constraint belongs to.
	 * @return the groups
	 */
	Class<?>[] groups() default {};

	/**
	 * The payload of the constraint.
	 * @return the payload
	 */
	Class<? extends Payload>[] payload() default {};

	/** Checks a {@link DataSize} against the minimum of its {@link DataSizeMin}. */
	class Validator implements ConstraintValidator<DataSizeMin, DataSize> {

		private DataSize min = DataSize.ofBytes(0);

		@Override
		public void initialize(DataSizeMin constraint) {
			this.min = DataSize.parse(constraint.value());
		}

		@Override
		public boolean isValid(@Nullable DataSize value, ConstraintValidatorContext context) {
			return value == null || value.compareTo(this.min) >= 0;
		}

	}

}
