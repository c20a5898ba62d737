package io.durable.workflow.engine.execution;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.durable.workflow.WorkflowCompletionHandler;
import io.durable.workflow.WorkflowState;
import io.durable.workflow.engine.EngineClock;
import io.durable.workflow.engine.definition.PayloadCodec;
import io.durable.workflow.engine.dispatch.RunOutcome;
import io.durable.workflow.engine.observation.RunEvents;
import io.durable.workflow.journal.Journal;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;

/**
 * The one way a run ends, whether it finished here or was canceled: in the transaction of
 * the caller, its end recorded, its children in progress (and theirs) canceled, its
 * parent signaled, its completion handler called, and the state changes published once
 * that commits. If the handler throws, the caller's transaction rolls back and nothing of
 * it takes effect.
 */
public final class RunTermination {

	private final Journal journal;

	private final PayloadCodec codec;

	private final EngineClock clock;

	private final BeanFactory beanFactory;

	private final RunEvents events;

	public RunTermination(Journal journal, PayloadCodec codec, EngineClock clock, BeanFactory beanFactory,
			RunEvents events) {
		this.journal = journal;
		this.codec = codec;
		this.clock = clock;
		this.beanFactory = beanFactory;
		this.events = events;
	}

	/**
	 * Ends a run; call it in a transaction.
	 * @param run the run that ends
	 * @param outcome how it ends
	 * @param end records the end in the journal: {@code false} if the run was not in
	 * progress (or, for a finish, no longer held by this node), and then nothing else
	 * happens
	 * @param cancelChildren whether the run may have children in progress
	 * @param handlerBean the bean name of the completion handler to call, or {@code null}
	 * for none
	 * @return the ids of the runs that ended, the run first, parents before children;
	 * empty if {@code end} found the run ended already
	 * @throws HandlerFailure if the handler threw
	 */
	public List<String> end(Ending run, RunOutcome outcome, EndRecord end, boolean cancelChildren,
			@Nullable String handlerBean) {
		Instant now = this.clock.now();
		if (!end.record(now)) {
			return List.of();
		}
		Map<String, String> ended = new LinkedHashMap<>();
		ended.put(run.id(), run.name());
		if (cancelChildren) {
			ended.putAll(this.journal.children().cancelChildren(run.id(), now));
		}
		if (run.parentId() != null) {
			this.journal.runs().signalRun(run.parentId(), now);
		}
		if (handlerBean != null) {
			try {
				this.beanFactory.getBean(handlerBean, WorkflowCompletionHandler.class)
					.onComplete(new Completion(run.id(), outcome, run.context(), this.codec));
			}
			catch (RuntimeException | Error failure) {
				throw new HandlerFailure(failure);
			}
		}
		// Published once the transaction commits.
		ended.forEach((id, name) -> this.events.stateChanged(id, name,
				id.equals(run.id()) ? outcome.state() : WorkflowState.CANCELED));
		return new ArrayList<>(ended.keySet());
	}

	/**
	 * The run that ends.
	 *
	 * @param id its id
	 * @param name its workflow's name
	 * @param parentId its parent's id, or {@code null}
	 * @param context the completion context its handler gets, or {@code null}
	 */
	public record Ending(String id, String name, @Nullable String parentId, @Nullable String context) {
	}

	/** Records a run's end in the journal, at the given time. */
	@FunctionalInterface
	public interface EndRecord {

		boolean record(Instant now);

	}

	/** Carries a completion handler's failure out of the transaction it rolls back. */
	public static final class HandlerFailure extends RuntimeException {

		private static final long serialVersionUID = 1L;

		HandlerFailure(Throwable cause) {
			super(cause.getMessage(), cause, false, false);
		}

	}

}
