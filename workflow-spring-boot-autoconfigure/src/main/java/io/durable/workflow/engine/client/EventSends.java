package io.durable.workflow.engine.client;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import io.durable.workflow.EventId;
import io.durable.workflow.InvalidPayloadException;
import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowNotFoundException;
import io.durable.workflow.WorkflowStateException;
import io.durable.workflow.engine.AfterCommit;
import io.durable.workflow.engine.EngineClock;
import io.durable.workflow.engine.definition.PayloadCodec;
import io.durable.workflow.engine.dispatch.DispatchPort;
import io.durable.workflow.journal.EventRecord;
import io.durable.workflow.journal.Journal;
import io.durable.workflow.journal.RunRecord;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * The client's events: created for a later send, sent by name or by id, or failed; each
 * stored with the signal that makes its run due, in one transaction, then woken here.
 */
final class EventSends {

	private final Journal journal;

	private final RunReads reads;

	private final PayloadCodec codec;

	private final EngineClock clock;

	private final DispatchPort dispatcher;

	/** Joins the caller's transaction, or runs one of its own. */
	private final TransactionTemplate transactions;

	private final @Nullable Validator validator;

	EventSends(Journal journal, RunReads reads, PayloadCodec codec, EngineClock clock, DispatchPort dispatcher,
			TransactionTemplate transactions, @Nullable Validator validator) {
		this.journal = journal;
		this.reads = reads;
		this.codec = codec;
		this.clock = clock;
		this.dispatcher = dispatcher;
		this.transactions = transactions;
		this.validator = validator;
	}

	EventId create(WorkflowId id, String name) {
		checkName(name);
		EventId event = EventId.of(UUID.randomUUID().toString());
		RunRecord run = this.reads.find(id);
		if (run.state().isFinished()) {
			throw WorkflowStateException.finished(id, run.state(), "create an event");
		}
		this.journal.events()
			.insert(new EventRecord(event.value(), id.value(), name, true, EventRecord.CREATED, null, null),
					this.clock.now());
		return event;
	}

	/**
	 * Stores a named event and makes its run due, in one transaction (the caller's, if
	 * any).
	 */
	void send(WorkflowId id, String name, @Nullable String value, @Nullable String error) {
		checkName(name);
		this.transactions.executeWithoutResult((status) -> {
			Instant now = this.clock.now();
			// The signal locks the run while it is in progress: a cancel racing the send
			// either
			// commits first (then the send fails) or waits until the event is stored.
			signalInProgress(id, "send event '" + name + "'", now);
			this.journal.events()
				.insert(new EventRecord(UUID.randomUUID().toString(), id.value(), name, false, EventRecord.SENT, value,
						error), now);
		});
		AfterCommit.run(() -> this.dispatcher.wake(id.value()));
	}

	/** Sends a created event, by its id. */
	void sendCreated(EventId id, @Nullable Object value, @Nullable String error) {
		EventRecord event = this.journal.events()
			.find(id.value())
			.orElseThrow(() -> WorkflowNotFoundException.event(id));
		if (!event.state().equals(EventRecord.CREATED)) {
			throw WorkflowStateException.eventAlreadySent(id);
		}
		String json = value(event.name(), value, (value != null) ? value.getClass() : Object.class);
		this.transactions.executeWithoutResult((status) -> {
			Instant now = this.clock.now();
			signalInProgress(WorkflowId.of(event.runId()), "send event '" + event.name() + "'", now);
			if (!this.journal.events().sendCreated(id.value(), json, error, now)) {
				throw WorkflowStateException.eventAlreadySent(id);
			}
		});
		AfterCommit.run(() -> this.dispatcher.wake(event.runId()));
	}

	/** Checks an event value's constraints and writes it as JSON of its type. */
	@Nullable String value(String name, @Nullable Object value, Class<?> type) {
		if (value == null) {
			return null;
		}
		if (this.validator != null) {
			Set<ConstraintViolation<Object>> violations = this.validator.validate(value);
			if (!violations.isEmpty()) {
				throw InvalidPayloadException.invalidEvent(name,
						violations.stream()
							.map((violation) -> violation.getPropertyPath() + ": " + violation.getMessage())
							.sorted()
							.toList());
			}
		}
		return this.codec.write(this.codec.payloadType(type), value, () -> "The value of event '" + name + "'");
	}

	/**
	 * Signals a run, locking it until the caller's transaction ends, if it is in
	 * progress.
	 */
	private void signalInProgress(WorkflowId id, String operation, Instant now) {
		if (!this.journal.runs().signalRun(id.value(), now)) {
			throw WorkflowStateException.finished(id, this.reads.find(id).state(), operation);
		}
	}

	private static void checkName(String name) {
		if (name == null || name.isBlank() || name.length() > WorkflowId.MAX_LENGTH) {
			throw new IllegalArgumentException("An event name must be 1 to " + WorkflowId.MAX_LENGTH
					+ " characters and not blank, got '" + name + "'");
		}
	}

}
