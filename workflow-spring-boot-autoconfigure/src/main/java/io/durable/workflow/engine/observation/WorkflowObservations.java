package io.durable.workflow.engine.observation;

import java.util.Map;
import java.util.function.Supplier;

import io.durable.workflow.observation.DefaultWorkflowStartObservationConvention;
import io.durable.workflow.observation.DefaultWorkflowStepObservationConvention;
import io.durable.workflow.observation.DefaultWorkflowTurnObservationConvention;
import io.durable.workflow.observation.WorkflowObservationDocumentation;
import io.durable.workflow.observation.WorkflowStartContext;
import io.durable.workflow.observation.WorkflowStartObservationConvention;
import io.durable.workflow.observation.WorkflowStepContext;
import io.durable.workflow.observation.WorkflowStepObservationConvention;
import io.durable.workflow.observation.WorkflowTurnContext;
import io.durable.workflow.observation.WorkflowTurnObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.docs.ObservationDocumentation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes the engine's observations ({@link WorkflowObservationDocumentation}), named and
 * tagged by the application's conventions where it declares them, else by the registry's
 * global ones, else by the defaults. A start stores the trace context a tracing bridge
 * propagates into it; every turn of the run continues that context, wherever and whenever
 * it runs, so that a run is one trace with a span per turn and per step attempt. Without
 * an {@link ObservationRegistry} all of this is a no-op that builds nothing.
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

	private static final WorkflowStartObservationConvention DEFAULT_START = new DefaultWorkflowStartObservationConvention();

	private static final WorkflowTurnObservationConvention DEFAULT_TURN = new DefaultWorkflowTurnObservationConvention();

	private static final WorkflowStepObservationConvention DEFAULT_STEP = new DefaultWorkflowStepObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable WorkflowStartObservationConvention startConvention;

	private final @Nullable WorkflowTurnObservationConvention turnConvention;

	private final @Nullable WorkflowStepObservationConvention stepConvention;

	/**
	 * Observations in a registry.
	 * @param registry the registry, {@link ObservationRegistry#NOOP} for none
	 * @param startConvention the application's convention of starts, or {@code null}
	 * @param turnConvention the application's convention of turns, or {@code null}
	 * @param stepConvention the application's convention of step attempts, or
	 * {@code null}
	 */
	public WorkflowObservations(ObservationRegistry registry,
			@Nullable WorkflowStartObservationConvention startConvention,
			@Nullable WorkflowTurnObservationConvention turnConvention,
			@Nullable WorkflowStepObservationConvention stepConvention) {
		this.registry = registry;
		this.startConvention = startConvention;
		this.turnConvention = turnConvention;
		this.stepConvention = stepConvention;
	}

	/**
	 * A started observation of a run's start, whose trace context {@link #traceContext}
	 * gives.
	 */
	public Observation start(String workflow, String id) {
		return observation(WorkflowObservationDocumentation.START, this.startConvention, DEFAULT_START,
				() -> new WorkflowStartContext(workflow, id))
			.start();
	}

	/**
	 * The trace context a start's observation carries, to store with the run, or
	 * {@code null}.
	 */
	public @Nullable String traceContext(Observation start) {
		if (!(start.getContext() instanceof WorkflowStartContext context) || context.getCarrier() == null
				|| context.getCarrier().isEmpty()) {
			return null;
		}
		String text = json.writeValueAsString(context.getCarrier());
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
		return observation(WorkflowObservationDocumentation.TURN, this.turnConvention, DEFAULT_TURN,
				() -> new WorkflowTurnContext(workflow, id, carrier(id, traceContext)))
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
		return observation(WorkflowObservationDocumentation.STEP, this.stepConvention, DEFAULT_STEP,
				() -> new WorkflowStepContext(workflow, id, step, sequence, attempt))
			.parentObservation(turn)
			.start();
	}

	/**
	 * Ends an observation of a turn or a step attempt with its outcome.
	 * @param observation the observation
	 * @param outcome {@code completed}, {@code retried}, {@code suspended}, ...
	 */
	public void stop(Observation observation, String outcome) {
		if (observation.isNoop()) {
			return;
		}
		if (observation.getContext() instanceof WorkflowTurnContext turn) {
			turn.setOutcome(outcome);
		}
		else if (observation.getContext() instanceof WorkflowStepContext step) {
			step.setOutcome(outcome);
		}
		observation.stop();
	}

	/**
	 * An observation, not started, named and tagged by the application's convention if
	 * given, else as the registry says; nothing is built without a registry. Its context
	 * is named when it is made: the registry picks an observation's handlers then, before
	 * the convention names it at its start, and handlers that pick by name would
	 * otherwise miss it.
	 */
	private <C extends Observation.Context> Observation observation(ObservationDocumentation documentation,
			@Nullable ObservationConvention<C> custom, ObservationConvention<C> defaults, Supplier<C> context) {
		if (this.registry.isNoop()) {
			return Observation.NOOP;
		}
		String name = ((custom != null) ? custom : defaults).getName();
		return documentation.observation(custom, defaults, () -> {
			C made = context.get();
			made.setName(name);
			return made;
		}, this.registry);
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
