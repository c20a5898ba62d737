package io.durable.workflow;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StartOptionsTests {

	private static final Instant START = Instant.parse("2026-12-05T10:00:00Z");

	@Test
	void aTimeoutCountsFromTheStartAndADeadlineIsFixed() {
		assertThat(StartOptions.defaults().deadlineFrom(START)).isNull();
		assertThat(StartOptions.defaults().timeout(Duration.ofMinutes(5)).deadlineFrom(START))
			.isEqualTo(START.plusSeconds(300));
		Instant deadline = START.plusSeconds(60);
		assertThat(StartOptions.defaults().deadline(deadline).deadlineFrom(START.plusSeconds(30))).isEqualTo(deadline);
	}

	@Test
	void theLastOfTimeoutAndDeadlineSetCounts() {
		Instant deadline = START.plusSeconds(60);
		assertThat(StartOptions.defaults().timeout(Duration.ofHours(1)).deadline(deadline).deadlineFrom(START))
			.isEqualTo(deadline);
		assertThat(StartOptions.defaults().deadline(deadline).timeout(Duration.ofHours(1)).deadlineFrom(START))
			.isEqualTo(START.plusSeconds(3600));
	}

	@Test
	void aTimeoutMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> StartOptions.defaults().timeout(Duration.ZERO))
			.withMessage("timeout must be positive, got PT0S");
		assertThatIllegalArgumentException().isThrownBy(() -> StartOptions.defaults().timeout(Duration.ofSeconds(-1)))
			.withMessage("timeout must be positive, got PT-1S");
	}

	@Test
	void optionsAreNeverChangedOnceReturned() {
		StartOptions base = StartOptions.defaults().id("order-1");
		StartOptions timed = base.timeout(Duration.ofMinutes(1));
		assertThat(base.deadlineFrom(START)).isNull();
		assertThat(timed.workflowId()).isEqualTo(WorkflowId.of("order-1"));
		assertThat(StartOptions.defaults().workflowId()).isNull();
	}

}
