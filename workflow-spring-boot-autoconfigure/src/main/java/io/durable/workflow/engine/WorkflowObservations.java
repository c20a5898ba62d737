package io.durable.workflow.engine;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.durable.workflow.engine.WorkflowObservationDocumentation.HighCardinalityKeys;
import io.durable.workflow.engine.WorkflowObservationDocumentation.LowCardinalityKeys;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes the engine's observations ({@link WorkflowObservationDocumentation}). A start stores the
 * trace context a tracing bridge propagates into it; every turn of the run continues that
 * context, wherever and whenever it runs, so that a run is one trace with a span per turn and per
 * step attempt. Without an {@link ObservationRegistry} all of this is a no-op that builds nothing.
 */
final class WorkflowObservations {

	private static final Log logger = LogFactory.getLog(WorkflowObservations.class);

	/** Longer trace contexts (much baggage) are not stored: the run's turns then start traces of their own. */
	private static final int MAX_TRACE_CONTEXT_LENGTH = 1000;

	private static final TypeReference<Map<String, String>> CARRIER = new TypeReference<>() {
	};

	private static final JsonMapper json = JsonMapper.shared();

	private final ObservationRegistry registry;

	WorkflowObservations(ObservationRegistry registry) {
		this.registry = registry;
	}

	/** A started observation of a run's start, whose trace context {@link #traceContext} gives. */
	Observation start(String workflow, String id) {
		if (this.registry.isNoop()) {
			return Observation.NOOP;
		}
		return WorkflowObservationDocumentation.START
			.observation(this.registry, () -> {
				SenderContext<Map<String, String>> context = new SenderContext<>(Map::put);
				context.setCarrier(new LinkedHashMap<>());
				return context;
			})
			.contextualName("start " + workflow)
			.lowCardinalityKeyValue(LowCardinalityKeys.WORKFLOW.withValue(workflow))
			.highCardinalityKeyValue(HighCardinalityKeys.WORKFLOW_ID.withValue(id))
			.start();
	}

	/** The trace context a start's observation carries, to store with the run, or {@code null}. */
	@Nullable String traceContext(Observation start) {
		if (!(start.getContext() instanceof SenderContext<?> context)
				|| !(context.getCarrier() instanceof Map<?, ?> carrier) || carrier.isEmpty()) {
			return null;
		}
		String text = json.writeValueAsString(carrier);
		return (text.length() <= MAX_TRACE_CONTEXT_LENGTH) ? text : null;
	}

	/** A started observation of a turn, continuing the trace context stored at the run's start. */
	Observation turn(RunTask task) {
		if (this.registry.isNoop()) {
			return Observation.NOOP;
		}
		return WorkflowObservationDocumentation.RUN
			.observation(this.registry, () -> {
				ReceiverContext<Map<String, String>> context = new ReceiverContext<>(Map::get);
				context.setCarrier(carrier(task));
				return context;
			})
			.contextualName("workflow " + task.name)
			.lowCardinalityKeyValue(LowCardinalityKeys.WORKFLOW.withValue(task.name))
			.highCardinalityKeyValue(HighCardinalityKeys.WORKFLOW_ID.withValue(task.id))
			.start();
	}

	/** Ends a turn's observation. */
	void stop(Observation turn, TurnOutcome outcome) {
		if (!turn.isNoop()) {
			turn.lowCardinalityKeyValue(LowCardinalityKeys.OUTCOME.withValue(name(outcome))).stop();
		}
	}

	/** A started observation of a step attempt, within its run's turn. */
	Observation step(WorkflowExecution execution, String step, int sequence, int attempt) {
		if (this.registry.isNoop()) {
			return Observation.NOOP;
		}
		RunTask task = execution.task();
		return WorkflowObservationDocumentation.STEP.observation(this.registry, Observation.Context::new)
			.parentObservation(execution.observation())
			.contextualName("step " + step)
			.lowCardinalityKeyValue(LowCardinalityKeys.WORKFLOW.withValue(task.name))
			.lowCardinalityKeyValue(LowCardinalityKeys.STEP.withValue(step))
			.highCardinalityKeyValue(HighCardinalityKeys.WORKFLOW_ID.withValue(task.id))
			.highCardinalityKeyValue(HighCardinalityKeys.STEP_SEQUENCE.withValue(Integer.toString(sequence)))
			.highCardinalityKeyValue(HighCardinalityKeys.STEP_ATTEMPT.withValue(Integer.toString(attempt)))
			.start();
	}

	/** Ends a step attempt's observation with its outcome: {@code completed}, {@code retried}, ... */
	void stop(Observation step, String outcome) {
		if (!step.isNoop()) {
			step.lowCardinalityKeyValue(LowCardinalityKeys.OUTCOME.withValue(outcome)).stop();
		}
	}

	private static Map<String, String> carrier(RunTask task) {
		if (task.traceContext == null) {
			return Map.of();
		}
		try {
			return json.readValue(task.traceContext, CARRIER);
		}
		catch (JacksonException ex) {
			logger.debug("Ignoring the unreadable trace context of workflow run '" + task.id + "'", ex);
			return Map.of();
		}
	}

	private static String name(TurnOutcome outcome) {
		if (outcome instanceof TurnOutcome.Finished finished) {
			return finished.outcome().state().name().toLowerCase(Locale.ROOT);
		}
		if (outcome instanceof TurnOutcome.Suspended) {
			return "suspended";
		}
		return (outcome instanceof TurnOutcome.Retry) ? "retried" : "released";
	}

}
