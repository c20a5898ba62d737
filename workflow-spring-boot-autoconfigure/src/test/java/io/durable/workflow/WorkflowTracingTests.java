package io.durable.workflow;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import io.durable.workflow.test.TestClockConfiguration;
import io.durable.workflow.test.WorkflowTestClock;
import io.durable.workflow.testapp.EventWorkflows;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tracing through a real bridge (Brave): a run is one trace, its start's span the parent
 * of a span per turn, whenever the turn runs, and each step attempt a span within its
 * turn.
 */
@SpringBootTest(classes = TestApplication.class, properties = "management.tracing.sampling.probability=1.0")
@AutoConfigureTracing
@Import({ TestClockConfiguration.class, WorkflowTracingTests.Spans.class })
abstract class WorkflowTracingTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	WorkflowClient client;

	@Autowired
	WorkflowTestClock clock;

	@Autowired
	Spans spans;

	@Test
	void aRunWaitingBetweenTwoTurnsIsOneTraceWithASpanPerTurnAndPerStep() {
		WorkflowId id = this.client.start(EventWorkflows.class, (workflow) -> workflow.reminder(Duration.ofDays(1)));
		await().atMost(TIMEOUT).until(() -> this.spans.of(id).size() == 2);
		this.clock.advance(Duration.ofDays(2));
		assertThat(this.client.result(id, String.class, TIMEOUT)).isEqualTo("reminded");

		List<MutableSpan> spans = await().atMost(TIMEOUT).until(() -> this.spans.of(id), (found) -> found.size() == 4);
		MutableSpan start = named(spans, "start reminder");
		List<MutableSpan> turns = spans.stream().filter((span) -> span.name().equals("workflow reminder")).toList();
		MutableSpan step = named(spans, "step mark");

		assertThat(spans).extracting(MutableSpan::traceId).containsOnly(start.traceId());
		assertThat(turns).hasSize(2).extracting(MutableSpan::parentId).containsOnly(start.id());
		assertThat(turns).extracting((span) -> span.tag("outcome")).containsExactly("suspended", "completed");
		assertThat(step.parentId()).as("the second turn").isEqualTo(turns.get(1).id());
		assertThat(step.tag("workflow")).isEqualTo("reminder");
		assertThat(step.tag("step")).isEqualTo("mark");
		assertThat(step.tag("step.sequence")).isEqualTo("1");
		assertThat(step.tag("step.attempt")).isEqualTo("1");
		assertThat(step.tag("outcome")).isEqualTo("completed");
	}

	private static MutableSpan named(List<MutableSpan> spans, String name) {
		return spans.stream().filter((span) -> span.name().equals(name)).findFirst().orElseThrow();
	}

	/** Collects the spans Brave finishes. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Spans {

		private final Queue<MutableSpan> finished = new ConcurrentLinkedQueue<>();

		@Bean
		SpanHandler collectingSpanHandler() {
			return new SpanHandler() {
				@Override
				public boolean end(TraceContext context, MutableSpan span, Cause cause) {
					Spans.this.finished.add(span);
					return true;
				}
			};
		}

		/** The finished spans of one run, in the order they finished. */
		List<MutableSpan> of(WorkflowId id) {
			return this.finished.stream().filter((span) -> id.value().equals(span.tag("workflow.id"))).toList();
		}

	}

}
