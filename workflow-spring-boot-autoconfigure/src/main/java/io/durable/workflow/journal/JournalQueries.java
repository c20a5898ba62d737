package io.durable.workflow.journal;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.durable.workflow.StepState;
import io.durable.workflow.WorkflowState;
import jakarta.persistence.EntityManager;
import org.jspecify.annotations.Nullable;

/**
 * The journal's read side for status, results and step listings: JPQL on the mapped entities of
 * the application's persistence unit, so that these reads see what the application's own
 * transaction sees.
 *
 * <p>Internal API: it may change in any release.
 */
public final class JournalQueries {

	private static final String IN_PROGRESS = WorkflowState.IN_PROGRESS.name();

	private final EntityManager entityManager;

	JournalQueries(EntityManager entityManager) {
		this.entityManager = entityManager;
	}

	/** The name of the workflow a stored run belongs to. */
	public Optional<String> findName(String id) {
		return this.entityManager
			.createQuery("select r.name from WorkflowRunEntity r where r.id = :id", String.class)
			.setParameter("id", id)
			.getResultList()
			.stream()
			.findFirst();
	}

	/** Reads a run for status and result queries. */
	public Optional<RunRecord> findRun(String id) {
		return this.entityManager.createQuery("""
				select r.id, r.name, r.state, r.result, r.error, r.createdAt, r.finishedAt, r.parentId, r.handler, r.context,
				r.owner, r.dueAt, r.handlerError
				from WorkflowRunEntity r where r.id = :id""", Object[].class)
			.setParameter("id", id)
			.getResultList()
			.stream()
			.findFirst()
			.map((row) -> new RunRecord((String) row[0], (String) row[1], WorkflowState.valueOf((String) row[2]),
					(String) row[3], (String) row[4], (Instant) row[5], (Instant) row[6], (String) row[7],
					(String) row[8], (String) row[9], (String) row[10], (Instant) row[11], (String) row[12]));
	}

	/**
	 * Reads where a run and its unfinished children stand, in one query.
	 * @return the run first, then its children in progress; empty if there is no such run
	 */
	public List<RunPosition> findPositions(String id) {
		return this.entityManager.createQuery("""
				select r.id, r.state, r.owner, r.dueAt from WorkflowRunEntity r
				where r.id = :id or (r.parentId = :id and r.state = :inProgress)""", Object[].class)
			.setParameter("id", id)
			.setParameter("inProgress", IN_PROGRESS)
			.getResultList()
			.stream()
			.map((row) -> new RunPosition((String) row[0], WorkflowState.valueOf((String) row[1]), (String) row[2],
					(Instant) row[3]))
			.sorted(Comparator.comparing((RunPosition run) -> !run.id().equals(id)))
			.toList();
	}

	/**
	 * Lists a run's steps after (or, descending, before) a sequence number.
	 * @param afterSequence the exclusive bound, or {@code null} to start at the first (last) step
	 */
	public List<StepRecord> listSteps(String id, @Nullable Integer afterSequence, boolean descending, int limit) {
		String bound = (afterSequence == null) ? "" : descending ? " and s.seq < :bound" : " and s.seq > :bound";
		var query = this.entityManager.createQuery("""
				select s.seq, s.name, s.state, s.attempts, s.failures, s.result, s.error, s.startedAt, s.finishedAt,
				s.wakeAt
				from WorkflowStepEntity s where s.runId = :id""" + bound + " order by s.seq"
				+ (descending ? " desc" : ""), Object[].class)
			.setParameter("id", id)
			.setMaxResults(limit);
		if (afterSequence != null) {
			query.setParameter("bound", afterSequence);
		}
		return query.getResultList()
			.stream()
			.map((row) -> new StepRecord(id, (Integer) row[0], (String) row[1], StepState.valueOf((String) row[2]),
					(Integer) row[3], (Integer) row[4], (String) row[5], (String) row[6], (Instant) row[7],
					(Instant) row[8], (Instant) row[9]))
			.toList();
	}

}
