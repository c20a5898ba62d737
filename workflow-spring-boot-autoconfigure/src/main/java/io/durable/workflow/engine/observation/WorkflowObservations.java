package io.durable.workflow.engine.observation;

import java.util.LinkedHashMap;
import java.util.Map;

import io.durable.workflow.engine.observation.WorkflowObservationDocumentation.HighCardinalityKeys;
import io.durable.workflow.engine.observation.WorkflowObservationDocumentation.LowCardinalityKeys;
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
 * Makes the engine's observations ({@link WorkflowObservationDocumentation}). A start
 * stores the trace context a tracing bridge propagates into it; every turn of the run
 * continues that context, wherever and whenever it runs, so that a run is one trace with
 * a span per turn and per step attempt. Without an {@link ObservationRegistry} all of
 * this is a no-op that builds nothing.
 */
public final class WorkflowObservations {

	private static final Log logger = LogFactory.getLog(WorkflowObservations.class);

	/**
	 * Longer trace contexts (much baggage) are not stored: the run's turns then start
	 * traces of their own.
	 */
	private static final int MAX_TRACE_CONTEXT_LENGTH = 1000;

	private static final TypeReference<Map<String, String>> CARRIER = new TypeReference<>() {
	};

	private static final JsonMapper json = JsonMapper.shared();

	private final ObservationRegistry registry;

	public WorkflowObservations(ObservationRegistry registry) {
		this.registry = registry;
	}

	/**
	 * A started observation of a run's start, whose trace context {@link #traceContext}
	 * gives.
	 */
	public Observation start(String workflow, String id) {
		if (this.registry.isNoop()) {
			return Observation.NOOP;
		}
		return WorkflowObservationDocumentation.START.observation(this.registry, () -> {
			SenderContext<Map<String, String>> context = new SenderContext<>(Map::put);
			context.setCarrier(new LinkedHashMap<>());
			return context;
		})
			.contextualName("start " + workflow)
			.lowCardinalityKeyValue(LowCardinalityKeys.WORKFLOW.withValue(workflow))
			.highCardinalityKeyValue(HighCardinalityKeys.WORKFLOW_ID.withValue(id))
			.start();
	}

	/**
	 * The trace context a start's observation carries, to store with the run, or
	 * {@code null}.
	 */
	public @Nullable String traceContext(Observation start) {
		if (!(start.getContext() instanceof SenderContext<?> context)
				|| !(context.getCarrier() instanceof Map<?, ?> carrier) || carrier.isEmpty()) {
			return null;
		}
		String text = json.writeValueAsString(carrier);
		return (text.length() <= MAX_TRACE_CONTEXT_LENGTH) ? text : null;
	}

	/**
	 * A started observation of a turn, continuing the trace context stored at the run's
	 * start.
	 * @param workflow the workflow's name
	 * @param id the run's id
	 * @param traceContext the trace context stored at the run's start, or {@code null}
	 * @return the started observation
	 */
	public Observation turn(String workflow, String id, @Nullable String traceContext) {
		if (this.registry.isNoop()) {
			return Observation.NOOP;
		}
		return WorkflowObservationDocumentation.RUN.observation(this.registry, () -> {
			ReceiverContext<Map<String, String>> context = new ReceiverContext<>(Map::get);
			context.setCarrier(carrier(id, traceContext));
			return context;
		})
			.contextualName("workflow " + workflow)
			.lowCardinalityKeyValue(LowCardinalityKeys.WORKFLOW.withValue(workflow))
			.highCardinalityKeyValue(HighCardinalityKeys.WORKFLOW_ID.withValue(id))
			.start();
	}

	/**
	 * A started observation of a step attempt, within its run's turn.
	 * @param turn the observation of the run's turn
	 * @param workflow the workflow's name
	 * @param id the run's id
	 * @param step the step's name
	 * @param sequence the step's position in the journal
	 * @param attempt the attempt, from 1
	 * @return the started observation
	 */
	public Observation step(Observation turn, String workflow, String id, String step, int sequence, int attempt) {
		if (this.registry.isNoop()) {
			return Observation.NOOP;
		}
		return WorkflowObservationDocumentation.STEP.observation(this.registry, Observation.Context::new)
			.parentObservation(turn)
			.contextualName("step " + step)
			.lowCardinalityKeyValue(LowCardinalityKeys.WORKFLOW.withValue(workflow))
			.lowCardinalityKeyValue(LowCardinalityKeys.STEP.withValue(step))
			.highCardinalityKeyValue(HighCardinalityKeys.WORKFLOW_ID.withValue(id))
			.highCardinalityKeyValue(HighCardinalityKeys.STEP_SEQUENCE.withValue(Integer.toString(sequence)))
			.highCardinalityKeyValue(HighCardinalityKeys.STEP_ATTEMPT.withValue(Integer.toString(attempt)))
			.start();
	}

	/**
	 * Ends an observation of a turn or a step attempt with its outcome.
	 * @param observation the observation
	 * @param outcome {@code completed}, {@code retried}, {@code suspended}, ...
	 */
	public void stop(Observation observation, String outcome) {
		if (!observation.isNoop()) {
			observation.lowCardinalityKeyValue(LowCardinalityKeys.OUTCOME.withValue(outcome)).stop();
		}
	}

	private static Map<String, String> carrier(String id, @Nullable String traceContext) {
		if (traceContext == null) {
			return Map.of();
		}
		try {
			return json.readValue(traceContext, CARRIER);
		}
		catch (JacksonException ex) {
			logger.debug("Ignoring the unreadable trace context of workflow run '" + id + "'", ex);
			return Map.of();
		}
	}

}
