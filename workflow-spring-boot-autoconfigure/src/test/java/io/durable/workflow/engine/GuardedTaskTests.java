package io.durable.workflow.engine;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A periodic task of the engine lives through whatever one of its runs throws: thrown on,
 * it would end the task's schedule for good.
 */
class GuardedTaskTests {

	@Test
	void anErrorOfOneRunIsLoggedAndTheNextRunGoesAhead() {
		AtomicInteger runs = new AtomicInteger();
		GuardedTask task = new GuardedTask("poll", () -> {
			if (runs.incrementAndGet() == 1) {
				throw new NoClassDefFoundError("com/example/Missing");
			}
		});

		task.run();
		task.run();

		assertThat(runs).hasValue(2);
	}

}
