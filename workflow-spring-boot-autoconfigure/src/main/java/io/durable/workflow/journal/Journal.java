package io.durable.workflow.journal;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;

/**
 * The journal's stores, each over one table's statements, and its read side, all over one
 * {@link JournalJdbc}: a statement joins the current Spring transaction when there is one
 * (a caller's transaction at start, a transactional step's own) and otherwise commits on
 * its own. What differs between databases is in their {@link SqlDialect}.
 *
 * <p>
 * Internal API: it may change in any release.
 *
 * @param runs starts, claims, releases, signals, outcomes and cancels of runs
 * @param children a run's child workflows
 * @param leases the leases a node holds, and its liveness
 * @param steps the steps of runs
 * @param groupCommit several workflows' new runs, steps and outcomes in one commit, where
 * the database can
 * @param events the events sent to runs
 * @param watches the runs whose live status nodes stream
 * @param retention deletion of finished runs, and housekeeping locks
 * @param restarts resumes of ended runs, and forks
 * @param queues claims of the runs of named queues within their limits
 * @param queries status, results, listings and statistics
 */
public record Journal(RunStore runs, ChildRunStore children, LeaseStore leases, StepStore steps,
		PostgresGroupCommit groupCommit, EventStore events, WatchStore watches, RetentionStore retention,
		RestartStore restarts, QueueStore queues, JournalQueries queries) {

	/**
	 * The journal on a data source, read through the application's shared entity manager.
	 * @param codeVersion the version of the application's code, recorded on the runs it
	 * starts and claims
	 */
	public static Journal of(DataSource dataSource, EntityManager entityManager, String codeVersion) {
		JournalJdbc jdbc = new JournalJdbc(dataSource);
		return new Journal(new RunStore(jdbc, codeVersion), new ChildRunStore(jdbc), new LeaseStore(jdbc),
				new StepStore(jdbc), new PostgresGroupCommit(jdbc, codeVersion), new EventStore(jdbc),
				new WatchStore(jdbc), new RetentionStore(jdbc), new RestartStore(jdbc),
				new QueueStore(jdbc, codeVersion), new JournalQueries(entityManager, jdbc));
	}

}
