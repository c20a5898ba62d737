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
 * An event sent (or created, to be sent by id) to a workflow run: {@code CREATED},
 * {@code SENT} until the run's wait consumes it, then {@code CONSUMED}. Named events are
 * consumed in the order sent, by {@code ordinal}, an identity the database assigns.
 */
@Entity
@Table(name = "workflow_event",
		indexes = @Index(name = "workflow_event_pending_idx", columnList = "run_id, state, name, ordinal"))
@NullUnmarked
public class WorkflowEventEntity {

	@Id
	@Column(name = "id", length = 255)
	private String id;

	@Column(name = "ordinal", nullable = false, insertable = false, updatable = false)
	private long ordinal;

	@Column(name = "run_id", nullable = false, length = 255)
	private String runId;

	@Column(name = "name", nullable = false, length = 255)
	private String name;

	@Column(name = "by_id", nullable = false)
	private boolean byId;

	@Column(name = "state", nullable = false, length = 16)
	private String state;

	@Column(name = "payload")
	@JdbcTypeCode(SqlTypes.LONG32VARCHAR)
	private String payload;

	@Column(name = "error")
	@JdbcTypeCode(SqlTypes.LONG32VARCHAR)
	private String error;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "sent_at")
	private Instant sentAt;

	@Column(name = "consumed_at")
	private Instant consumedAt;

	protected WorkflowEventEntity() {
	}

}
