package io.durable.workflow.engine.execution;

import java.time.Duration;
import java.time.Instant;

import io.durable.workflow.EventFailedException;
import io.durable.workflow.EventId;
import io.durable.workflow.InvalidPayloadException;
import io.durable.workflow.StepInfo;
import io.durable.workflow.StepState;
import io.durable.workflow.WorkflowTimeoutException;
import io.durable.workflow.engine.EngineClock;
import io.durable.workflow.engine.definition.PayloadCodec;
import io.durable.workflow.engine.definition.PayloadType;
import io.durable.workflow.engine.definition.RetryOverride;
import io.durable.workflow.engine.definition.StepDefinition;
import io.durable.workflow.journal.EventRecord;
import io.durable.workflow.journal.Journal;
import io.durable.workflow.journal.JournalEntry;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * A workflow's waits for events. A wait takes a journal position: it consumes the first
 * event of its name (in the order sent) or its id, in the transaction that journals what
 * it received, so an event is received exactly once; without one it journals that it
 * waits, with its deadline, and suspends the run, which is released until an event (or
 * the deadline) wakes it.
 */
public final class EventWaits {

	private static final String FAILED_TYPE = EventFailedException.class.getName();

	private static final String TIMEOUT_TYPE = WorkflowTimeoutException.class.getName();

	private final Journal journal;

	private final PayloadCodec codec;

	private final EngineClock clock;

	private final StepRunner steps;

	private final TransactionTemplate transactions;

	public EventWaits(Journal journal, PayloadCodec codec, EngineClock clock, StepRunner steps,
			TransactionTemplate transactions) {
		this.journal = journal;
		this.codec = codec;
		this.clock = clock;
		this.steps = steps;
		this.transactions = transactions;
	}

	/**
	 * Waits for an event at the next journal position.
	 * @param eventName the event's name (for messages only when waiting by id)
	 * @param eventId the event's id, for an event created with {@code createEvent}, else
	 * {@code null}
	 * @param timeout how long to wait at most, or {@code null} for ever
	 * @return the event's value, read as {@code type}
	 */
	@Nullable Object await(WorkflowExecution execution, String eventName, @Nullable String eventId, PayloadType type,
			@Nullable Duration timeout) {
		String label = (eventId != null) ? "#" + eventId : eventName;
		String stepName = (eventId != null) ? StepInfo.eventWait(EventId.of(eventId)) : StepInfo.eventWait(eventName);
		StepDefinition wait = new StepDefinition(stepName, false, RetryOverride.NONE, type, false);
		this.steps.flush(execution);
		int sequence = execution.cursor().next();
		JournalEntry entry = execution.cursor().recorded(sequence);
		Instant deadline;
		if (entry != null) {
			execution.cursor().checkName(entry, wait.name());
			if (entry.state() == StepState.COMPLETED) {
				return execution.cursor()
					.readJournaled(
							() -> this.codec.read(type, entry.result(), () -> "the value of event '" + label + "'"));
			}
			if (entry.state() == StepState.FAILED) {
				throw replayedFailure(eventName, entry.error());
			}
			deadline = entry.wakeAt();
		}
		else {
			deadline = (timeout != null) ? this.clock.now().plus(timeout) : null;
		}
		int journaled = (entry != null) ? entry.attempts() : -1;
		Received received = receive(execution, wait, sequence, journaled, eventName, eventId, type);
		if (received.failure != null) {
			throw received.failure;
		}
		if (received.arrived) {
			return received.value;
		}
		if (deadline != null && !this.clock.now().isBefore(deadline)) {
			String message = "No event '" + label + "' arrived by " + deadline;
			this.steps.record(execution, wait, sequence, journaled, StepState.FAILED, 0, null,
					TIMEOUT_TYPE + ": " + message, deadline);
			throw WorkflowTimeoutException.event(message);
		}
		if (entry == null) {
			this.steps.record(execution, wait, sequence, -1, StepState.WAITING, 0, null, null, deadline);
		}
		throw Suspension.external(deadline, received.seenSignals);
	}

	/**
	 * Consumes the event if it has been sent, journaling what the wait received, in one
	 * transaction; notes the run's signal count first, so that the run's release can tell
	 * whether anything was sent after this look.
	 */
	private Received receive(WorkflowExecution execution, StepDefinition wait, int sequence, int journaled,
			String eventName, @Nullable String eventId, PayloadType type) {
		return this.transactions.execute((status) -> {
			long seenSignals = this.journal.runs().signals(execution.task().id());
			EventRecord event = this.journal.events().take(execution.task().id(), eventName, eventId, this.clock.now());
			if (event == null) {
				return Received.nothing(seenSignals);
			}
			if (event.error() != null) {
				this.steps.record(execution, wait, sequence, journaled, StepState.FAILED, 1, null,
						FAILED_TYPE + ": " + event.error(), null);
				return Received.failed(new EventFailedException(eventName, event.error()));
			}
			Object value;
			try {
				value = this.codec.read(type, event.value(), () -> "the value of event '" + eventName + "'");
			}
			catch (InvalidPayloadException ex) {
				String error = "its value cannot be read as the type the workflow waits for: " + ex.getMessage();
				this.steps.record(execution, wait, sequence, journaled, StepState.FAILED, 1, null,
						FAILED_TYPE + ": " + error, null);
				return Received.failed(new EventFailedException(eventName, error));
			}
			this.steps.record(execution, wait, sequence, journaled, StepState.COMPLETED, 1, event.value(), null, null);
			return new Received(true, value, null, seenSignals);
		});
	}

	private static RuntimeException replayedFailure(String eventName, @Nullable String error) {
		String text = (error != null) ? error : "";
		int colon = text.indexOf(": ");
		String type = (colon < 0) ? text : text.substring(0, colon);
		String message = (colon < 0) ? "" : text.substring(colon + 2);
		return type.equals(TIMEOUT_TYPE) ? WorkflowTimeoutException.event(message)
				: new EventFailedException(eventName, message);
	}

	/**
	 * What a look for the event found: a value, a failure to raise, or nothing yet (with
	 * the signal count seen before looking).
	 */
	private record Received(boolean arrived, @Nullable Object value, @Nullable RuntimeException failure,
			long seenSignals) {

		static Received nothing(long seenSignals) {
			return new Received(false, null, null, seenSignals);
		}

		static Received failed(RuntimeException failure) {
			return new Received(true, null, failure, 0);
		}

	}

}
