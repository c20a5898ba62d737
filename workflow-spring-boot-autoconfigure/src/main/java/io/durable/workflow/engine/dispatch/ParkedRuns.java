package io.durable.workflow.engine.dispatch;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.durable.workflow.engine.EngineClock;
import io.durable.workflow.engine.execution.TurnOutcome;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Parks the runs whose replay diverged from their journal: each is given back with the
 * reason, for any node to try again after the retry interval (a node whose code replays
 * it goes on). A run is logged as a warning the first time this node parks it for a
 * reason, at debug level each time after.
 */
final class ParkedRuns {

	private static final Log logger = LogFactory.getLog(ParkedRuns.class);

	/** The most runs whose last logged reason this node remembers. */
	private static final int REMEMBERED = 10_000;

	private final RunClaims claims;

	private final EngineClock clock;

	private final Duration retry;

	private final Map<String, String> logged = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
			return size() > REMEMBERED;
		}

	});

	ParkedRuns(RunClaims claims, EngineClock clock, Duration retry) {
		this.claims = claims;
		this.clock = clock;
		this.retry = retry;
	}

	/**
	 * Parks a run once its parallel steps still in flight, if any, are done.
	 * @param release lets the run go here: {@code false} if this node no longer held it
	 * (it was canceled or taken over meanwhile), and then it is not parked
	 */
	void park(String id, TurnOutcome.Parked parking, BooleanSupplier release) {
		if (parking.parallel() != null) {
			parking.parallel().whenComplete((done, ex) -> park(id, parking.reason(), release));
		}
		else {
			park(id, parking.reason(), release);
		}
	}

	private void park(String id, String reason, BooleanSupplier release) {
		if (!release.getAsBoolean()) {
			return;
		}
		this.claims.park(id, this.clock.now().plus(this.retry), reason);
		String message = reason + " The run is parked, not failed: it is tried again every " + this.retry
				+ " (a node whose code replays it goes on), and WorkflowClient.fail or cancel ends it.";
		if (!reason.equals(this.logged.put(id, reason))) {
			logger.warn(message);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message);
		}
	}

	/** Makes the parked runs of the workflows this node knows due now. */
	void retryAll() {
		this.claims.retryParked(this.clock.now());
	}

	/** The run finished here: nothing to remember of it. */
	void forget(String id) {
		this.logged.remove(id);
	}

}
