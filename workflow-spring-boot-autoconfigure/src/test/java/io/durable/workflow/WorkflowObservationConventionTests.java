package io.durable.workflow;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import brave.handler.MutableSpan;
import io.durable.workflow.observation.DefaultWorkflowStepObservationConvention;
import io.durable.workflow.observation.DefaultWorkflowTurnObservationConvention;
import io.durable.workflow.observation.WorkflowStepContext;
import io.durable.workflow.observation.WorkflowStepObservationConvention;
import io.durable.workflow.observation.WorkflowTurnContext;
import io.durable.workflow.observation.WorkflowTurnObservationConvention;
import io.durable.workflow.testapp.SequenceWorkflow;
import io.durable.workflow.testapp.TestApplication;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
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
 * The application's observation conventions, declared as beans, name and tag the spans
 * and timers they cover; the observations they don't cover keep the defaults.
 */
@SpringBootTest(classes = TestApplication.class, properties = "management.tracing.sampling.probability=1.0")
@AutoConfigureTracing
@Import({ WorkflowTracingTests.Spans.class, WorkflowObservationConventionTests.Conventions.class })
class WorkflowObservationConventionTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final Set<String> NAMES = Set.of("workflow.start", "billing.turn", "workflow.step");

	@Autowired
	WorkflowClient client;

	@Autowired
	WorkflowTracingTests.Spans spans;

	@Autowired
	MeterRegistry meters;

	@Autowired
	Conventions conventions;

	@Test
	void theApplicationsConventionsNameAndTagWhatTheyCoverAndTheDefaultsTheRest() {
		WorkflowId id = this.client.start(SequenceWorkflow.class, (workflow) -> workflow.run(1));
		assertThat(this.client.result(id, Integer.class, TIMEOUT)).isZero();

		List<MutableSpan> spans = await().atMost(TIMEOUT).until(() -> this.spans.of(id), (found) -> found.size() == 3);
		assertThat(spans).extracting(MutableSpan::name)
			.containsExactlyInAnyOrder("start sequence", "turn of sequence", "step add");
		MutableSpan step = spans.stream().filter((span) -> span.name().equals("step add")).findFirst().orElseThrow();
		assertThat(step.tag("team")).isEqualTo("billing");
		assertThat(step.tag("step")).isEqualTo("add");
		assertThat(step.tag("outcome")).isEqualTo("completed");

		Timer turns = await().atMost(TIMEOUT)
			.until(() -> this.meters.find("billing.turn").tags("workflow", "sequence", "outcome", "completed").timer(),
					(timer) -> timer != null);
		assertThat(turns.count()).isOne();
		assertThat(this.meters.find("workflow.run").tag("workflow", "sequence").timer()).isNull();
		assertThat(this.meters.find("workflow.step").tags("workflow", "sequence", "team", "billing").timer())
			.isNotNull()
			.extracting(Timer::count)
			.isEqualTo(1L);
		assertThat(this.meters.find("workflow.start").tag("workflow", "sequence").timer()).isNotNull();
		assertThat(this.conventions.handled).as("observations a handler picked by name")
			.contains("workflow.start", "billing.turn", "workflow.step");
	}

	/**
	 * A step convention that adds a tag, a turn convention that renames, and a handler
	 * that picks observations by name, as handlers often do.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Conventions {

		final Set<String> handled = ConcurrentHashMap.newKeySet();

		@Bean
		ObservationHandler<Observation.Context> handlerPickingByName() {
			return new ObservationHandler<>() {
				@Override
				public boolean supportsContext(Observation.Context context) {
					return context.getName() != null && NAMES.contains(context.getName());
				}

				@Override
				public void onStart(Observation.Context context) {
					Conventions.this.handled.add(context.getName());
				}
			};
		}

		@Bean
		WorkflowStepObservationConvention taggingStepConvention() {
			return new DefaultWorkflowStepObservationConvention() {
				@Override
				public KeyValues getLowCardinalityKeyValues(WorkflowStepContext context) {
					return super.getLowCardinalityKeyValues(context).and(KeyValue.of("team", "billing"));
				}
			};
		}

		@Bean
		WorkflowTurnObservationConvention renamingTurnConvention() {
			return new DefaultWorkflowTurnObservationConvention() {
				@Override
				public String getName() {
					return "billing.turn";
				}

				@Override
				public String getContextualName(WorkflowTurnContext context) {
					return "turn of " + context.getWorkflowName();
				}
			};
		}

	}

}
