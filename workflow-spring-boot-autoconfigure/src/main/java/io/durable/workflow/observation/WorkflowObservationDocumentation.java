package io.durable.workflow.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations the engine makes: with a tracing bridge, one trace per workflow run
 * (its start, each of its turns, each step attempt); with metrics, one timer each. Each
 * names its context and its default convention; a bean of the matching convention
 * interface (or a {@code GlobalObservationConvention} registered with the
 * {@code ObservationRegistry}) replaces the default's names and tags.
 */
public enum WorkflowObservationDocumentation implements ObservationDocumentation {

	/**
	 * Starting a run ({@code workflow.start} by default): stores it, with the trace
	 * context that its turns continue. Its context is a {@link WorkflowStartContext}.
	 */
	START {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultWorkflowStartObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeys.WORKFLOW };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { HighCardinalityKeys.WORKFLOW_ID };
		}
	},

	/**
	 * One turn of a run on this node ({@code workflow.run} by default): from its dispatch
	 * until it finishes, suspends or is given up. A run waiting for a timer, an event or
	 * a child has a turn before and one after. Its context is a
	 * {@link WorkflowTurnContext}.
	 */
	TURN {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultWorkflowTurnObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeys.WORKFLOW, LowCardinalityKeys.OUTCOME };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { HighCardinalityKeys.WORKFLOW_ID };
		}
	},

	/**
	 * One attempt of a step ({@code workflow.step} by default). Steps replayed from the
	 * journal do not run and are not observed. Its context is a
	 * {@link WorkflowStepContext}.
	 */
	STEP {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultWorkflowStepObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeys.WORKFLOW, LowCardinalityKeys.STEP, LowCardinalityKeys.OUTCOME };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { HighCardinalityKeys.WORKFLOW_ID, HighCardinalityKeys.STEP_SEQUENCE,
					HighCardinalityKeys.STEP_ATTEMPT };
		}
	};

	/** Tags that take few values: safe for metrics. */
	public enum LowCardinalityKeys implements KeyName {

		/** The workflow's name. */
		WORKFLOW {
			@Override
			public String asString() {
				return "workflow";
			}
		},

		/** The step's name. */
		STEP {
			@Override
			public String asString() {
				return "step";
			}
		},

		/**
		 * How it ended. A turn: {@code completed}, {@code failed}, {@code canceled},
		 * {@code suspended}, {@code retried} (the journal could not be reached) or
		 * {@code released} (given up to any node). A step attempt: {@code completed},
		 * {@code retried} (it failed and will be tried again), {@code failed} (it failed
		 * for good) or {@code abandoned} (its run was canceled or taken over while it
		 * ran).
		 */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		}

	}

	/** Tags that take many values: on spans only. */
	public enum HighCardinalityKeys implements KeyName {

		/** The run's id. */
		WORKFLOW_ID {
			@Override
			public String asString() {
				return "workflow.id";
			}
		},

		/** The step's journal position. */
		STEP_SEQUENCE {
			@Override
			public String asString() {
				return "step.sequence";
			}
		},

		/** Which attempt of the step, from 1. */
		STEP_ATTEMPT {
			@Override
			public String asString() {
				return "step.attempt";
			}
		}

	}

}
