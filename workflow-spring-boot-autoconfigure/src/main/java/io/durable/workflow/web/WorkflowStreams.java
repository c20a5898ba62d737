package io.durable.workflow.web;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;

import io.durable.workflow.WorkflowId;
import io.durable.workflow.WorkflowNotFoundException;
import io.durable.workflow.engine.WorkflowMonitor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live status streams (server-sent events) of this node: a client first gets a run as
 * described now, then again after every change, made on this node or any other, and the
 * stream ends once the run has finished. All clients of one run share one watch and one
 * read of the run per change; reads and sends happen on a thread of their own, never on a
 * workflow's.
 *
 * @param <D> what describes a run
 */
public class WorkflowStreams<D> implements DisposableBean {

	/** The name of the events that carry a run's state. */
	public static final String EVENT = "workflow";

	private static final Log logger = LogFactory.getLog(WorkflowStreams.class);

	/**
	 * An idle stream is kept open with a comment this often, which also finds clients
	 * that left.
	 */
	private static final Duration HEARTBEAT = Duration.ofSeconds(20);

	/**
	 * A client is asked to reconnect after this (browsers do so on their own), getting
	 * the state again.
	 */
	private static final Duration TIMEOUT = Duration.ofMinutes(30);

	private final Function<WorkflowId, D> describe;

	private final Predicate<D> finished;

	private final WorkflowMonitor engine;

	private final JsonMapper json;

	private final ScheduledExecutorService executor;

	/** The streams by run id: read and changed on the executor's thread only. */
	private final Map<String, Stream> streams = new HashMap<>();

	/**
	 * @param describe reads a run, throwing {@link WorkflowNotFoundException} if there is
	 * no such run
	 * @param finished whether a run so described has finished
	 * @param engine tells when a run changes
	 * @param json writes what describes a run
	 */
	public WorkflowStreams(Function<WorkflowId, D> describe, Predicate<D> finished, WorkflowMonitor engine,
			JsonMapper json) {
		this.describe = describe;
		this.finished = finished;
		this.engine = engine;
		this.json = json;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("workflow-streams-");
		threads.setDaemon(true);
		this.executor = Executors.newSingleThreadScheduledExecutor(threads);
		this.executor.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	/**
	 * Opens a stream of a run's state.
	 * @param id the run
	 * @return the stream, whose first event is the run's current state
	 * @throws WorkflowNotFoundException if no such run exists
	 */
	public SseEmitter open(WorkflowId id) {
		this.describe.apply(id);
		SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
		this.executor.execute(() -> attach(id.value(), emitter));
		return emitter;
	}

	private void attach(String id, SseEmitter emitter) {
		Stream stream = this.streams.get(id);
		if (stream == null) {
			stream = new Stream(id);
			try {
				stream.watch = this.engine.watch(WorkflowId.of(id), stream::requestRefresh);
			}
			catch (RuntimeException ex) {
				logger.warn("Cannot watch workflow run '" + id + "' for its stream", ex);
				emitter.completeWithError(ex);
				return;
			}
			this.streams.put(id, stream);
		}
		Stream attached = stream;
		emitter.onCompletion(() -> this.executor.execute(() -> detach(attached, emitter)));
		emitter.onTimeout(emitter::complete);
		emitter.onError((ex) -> emitter.complete());
		stream.emitters.add(emitter);
		refresh(stream, emitter);
	}

	private void detach(Stream stream, SseEmitter emitter) {
		if (stream.emitters.remove(emitter) && stream.emitters.isEmpty()) {
			close(stream);
		}
	}

	/**
	 * Reads the run and sends its state to the new client, and to the others if it
	 * changed.
	 */
	private void refresh(Stream stream, @Nullable SseEmitter added) {
		D workflow;
		try {
			workflow = this.describe.apply(WorkflowId.of(stream.id));
		}
		catch (WorkflowNotFoundException ex) {
			// Cleaned up: there is nothing more to tell.
			stream.emitters.forEach(SseEmitter::complete);
			close(stream);
			return;
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot read workflow run '" + stream.id + "' for its stream; trying at its next change", ex);
			return;
		}
		String state = this.json.writeValueAsString(workflow);
		boolean changed = !state.equals(stream.last);
		stream.last = state;
		for (SseEmitter emitter : List.copyOf(stream.emitters)) {
			if (changed || emitter == added) {
				send(stream, emitter, SseEmitter.event().name(EVENT).data(state));
			}
		}
		if (this.finished.test(workflow)) {
			stream.emitters.forEach(SseEmitter::complete);
			close(stream);
		}
	}

	private void close(Stream stream) {
		if (this.streams.remove(stream.id, stream) && stream.watch != null) {
			try {
				stream.watch.close();
			}
			catch (Exception ex) {
				logger.warn("Cannot stop watching workflow run '" + stream.id + "'", ex);
			}
		}
	}

	private void heartbeat() {
		for (Stream stream : List.copyOf(this.streams.values())) {
			for (SseEmitter emitter : List.copyOf(stream.emitters)) {
				send(stream, emitter, SseEmitter.event().comment(""));
			}
		}
	}

	private void send(Stream stream, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
		try {
			emitter.send(event);
		}
		catch (IOException | IllegalStateException ex) {
			// The client has gone.
			emitter.completeWithError(ex);
			detach(stream, emitter);
		}
	}

	/** Ends every stream, then stops. */
	@Override
	public void destroy() throws Exception {
		try {
			this.executor.submit(() -> {
				for (Stream stream : List.copyOf(this.streams.values())) {
					stream.emitters.forEach(SseEmitter::complete);
					close(stream);
				}
			}).get(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
		}
		finally {
			this.executor.shutdownNow();
		}
	}

	/** The clients of one run, and what they were sent last. */
	private final class Stream {

		final String id;

		final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();

		final AtomicBoolean refreshPending = new AtomicBoolean();

		@Nullable AutoCloseable watch;

		@Nullable String last;

		Stream(String id) {
			this.id = id;
		}

		/**
		 * Called on any thread when the run changes: one refresh at a time, changes
		 * meanwhile included.
		 */
		void requestRefresh() {
			if (this.refreshPending.compareAndSet(false, true)) {
				try {
					WorkflowStreams.this.executor.execute(() -> {
						this.refreshPending.set(false);
						refresh(this, null);
					});
				}
				catch (RejectedExecutionException ex) {
					this.refreshPending.set(false);
				}
			}
		}

	}

}
