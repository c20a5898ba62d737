package io.durable.workflow.journal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.NullUnmarked;

/**
 * One workflow run. Mapped into the application's own persistence unit so that its schema
 * is validated with the application's and the journal can share transactions with it;
 * writes on the execution path go through the SQL of the {@link Journal}'s stores, reads
 * through JPQL.
 *
 * <p>
 * {@code dueAt} is the lease expiry while a node owns the run and the next wake-up time
 * while nobody does: a run is due for claiming when it is in progress and {@code dueAt}
 * has passed. {@code signals} counts what was sent to the run from outside (events): a
 * node releasing a waiting run compares it with the count it saw before looking, so that
 * nothing sent meanwhile goes unnoticed.
 */
@Entity
@Table(name = "workflow_run",
		indexes = { @Index(name = "workflow_run_due_idx", columnList = "state, due_at"),
				@Index(name = "workflow_run_owner_idx", columnList = "owner"),
				@Index(name = "workflow_run_created_idx", columnList = "created_at, id"),
				@Index(name = "workflow_run_name_idx", columnList = "name, created_at, id"),
				@Index(name = "workflow_run_state_idx", columnList = "state, created_at, id"),
				@Index(name = "workflow_run_parent_idx", columnList = "parent_id, created_at, id") })
@NullUnmarked
public class WorkflowRunEntity {

	@Id
	@Column(name = "id", length = 255)
	private String id;

	@Column(name = "name", nullable = false, length = 255)
	private String name;

	@Column(name = "state", nullable = false, length = 16)
	private String state;

	@Column(name = "args", nullable = false)
	@JdbcTypeCode(SqlTypes.LONG32VARCHAR)
	private String args;

	@Column(name = "result")
	@JdbcTypeCode(SqlTypes.LONG32VARCHAR)
	private String result;

	@Column(name = "error")
	@JdbcTypeCode(SqlTypes.LONG32VARCHAR)
	private String error;

	@Column(name = "handler_error")
	@JdbcTypeCode(SqlTypes.LONG32VARCHAR)
	private String handlerError;

	@Column(name = "stalled")
	@JdbcTypeCode(SqlTypes.LONG32VARCHAR)
	private String stalled;

	@Column(name = "started_version", length = 255)
	private String startedVersion;

	@Column(name = "last_version", length = 255)
	private String lastVersion;

	@Column(name = "owner", length = 255)
	private String owner;

	@Column(name = "due_at")
	private Instant dueAt;

	@Column(name = "signals", nullable = false)
	private long signals;

	@Column(name = "parent_id", length = 255)
	private String parentId;

	@Column(name = "deadline_at")
	private Instant deadlineAt;

	@Column(name = "forked_from", length = 255)
	private String forkedFrom;

	@Column(name = "queue", length = 255)
	private String queue;

	@Column(name = "priority")
	private Integer priority;

	@Column(name = "dedup_id", length = 255)
	private String dedupId;

	@Column(name = "started_at")
	private Instant startedAt;

	@Column(name = "handler", length = 255)
	private String handler;

	@Column(name = "context")
	@JdbcTypeCode(SqlTypes.LONG32VARCHAR)
	private String context;

	@Column(name = "trace_context", length = 1000)
	private String traceContext;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "finished_at")
	private Instant finishedAt;

	protected WorkflowRunEntity() {
	}

}
