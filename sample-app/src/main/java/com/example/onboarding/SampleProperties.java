package com.example.onboarding;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the sample ({@code sample.*}), checked at start-up.
 *
 * @param stepDelay How long every onboarding step pauses while doing its work, so that a
 * crash in the middle of a workflow can be staged by hand
 * @param verificationTimeout How long the onboarding waits for the user to verify their
 * email address before it fails. The wait is durable: it survives restarts, and holds no
 * thread while nothing arrives
 * @param verificationCode The code every verification email carries, 6 digits, for demos
 * and tests; empty (the default) for a random code per email
 * @param contentFailures How many attempts of the content generation fail, per workflow,
 * before one succeeds, as calls to an overloaded language model would; 0 for none. The
 * step retries (5 attempts in all by default), so up to 4 failures still end in success
 * @param refineContent Whether the generated content goes through the refinement workflow
 * (a child workflow) before it is used: the model's first draft always does by default
 * @param followUpDelay How long after the welcome message the follow-up email is sent.
 * The wait is durable: it survives restarts, and holds no thread once longer than
 * workflow.suspend-threshold
 * @param security The demo users who operate the workflows through actuator
 */
@ConfigurationProperties("sample")
@Validated
public record SampleProperties(@DefaultValue("0ms") @NotNull @DurationMin(millis = 0) Duration stepDelay,
		@DefaultValue("3d") @NotNull @DurationMin(millis = 1) Duration verificationTimeout,
		@DefaultValue("") @NotNull @Pattern(regexp = "([0-9]{6})?",
				message = "must be 6 digits, or empty for a random code") String verificationCode,
		@DefaultValue("1") @Min(0) int contentFailures, @DefaultValue("true") boolean refineContent,
		@DefaultValue("10s") @NotNull @DurationMin(millis = 0) Duration followUpDelay,
		@DefaultValue @NotNull @Valid Security security) {

	/**
	 * The passwords of the demo users: {@code operator} reads workflows, {@code admin}
	 * also changes them. Set your own; the defaults are for trying the sample on your
	 * machine only.
	 *
	 * @param operatorPassword The password of the demo user "operator", who lists and
	 * inspects workflows and watches their streams
	 * @param adminPassword The password of the demo user "admin", who also cancels
	 * workflows, cleans them up and sends them events
	 */
	public record Security(@DefaultValue("operator") @NotBlank String operatorPassword,
			@DefaultValue("admin") @NotBlank String adminPassword) {
	}

}
