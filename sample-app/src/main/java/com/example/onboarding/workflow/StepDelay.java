package com.example.onboarding.workflow;

import java.time.Duration;

import com.example.onboarding.SampleProperties;

import org.springframework.stereotype.Component;

/**
 * Pauses a step for {@code sample.step-delay}: the window in which a crash can be staged.
 */
@Component
class StepDelay {

	private final Duration delay;

	StepDelay(SampleProperties properties) {
		this.delay = properties.stepDelay();
	}

	void pause() {
		try {
			Thread.sleep(this.delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted during the step delay", ex);
		}
	}

}
