package io.durable.workflow.journal;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.NullUnmarked;

/**
 * One journaled step of a workflow run: its position, name, outcome and timings. A step
 * waiting for its time (a scheduled step, a retry, a sleep) is {@code WAITING} until
 * {@code wakeAt}.
 */
@Entity
@Table(name = "workflow_step")
@IdClass(WorkflowStepEntity.Key.class)
@NullUnmarked
public class WorkflowStepEntity {

	@Id
	@Column(name = "run_id", length = 255)
	private String runId;

	@Id
	@Column(name = "seq")
	private int seq;

	@Column(name = "name", nullable = false, length = 255)
	private String name;

	@Column(name = "state", nullable = false, length = 16)
	private String state;

	@Column(name = "attempts", nullable = false)
	private int attempts;

	@Column(name = "failures", nullable = false)
	private int failures;

	@Column(name = "result")
	@JdbcTypeCode(SqlTypes.LONG32VARCHAR)
	private String result;

	@Column(name = "error")
	@JdbcTypeCode(SqlTypes.LONG32VARCHAR)
	private String error;

	@Column(name = "started_at", nullable = false)
	private Instant startedAt;

	@Column(name = "finished_at")
	private Instant finishedAt;

	@Column(name = "wake_at")
	private Instant wakeAt;

	protected WorkflowStepEntity() {
	}

	/** The composite primary key: run id and sequence. */
	@NullUnmarked
	public static class Key implements Serializable {

		private static final long serialVersionUID = 1L;

		private String runId;

		private int seq;

		public Key() {
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Key key && this.seq == key.seq && Objects.equals(this.runId, key.runId);
		}

		@Override
		public int hashCode() {
			return Objects.hash(this.runId, this.seq);
		}

	}

}
