package io.durable.workflow.journal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A run to insert at its start.
 *
 * @param id the workflow id
 * @param name the workflow name
 * @param args the arguments JSON
 * @param owner the node that runs it, or {@code null} if any node may once it is due
 * @param dueAt the owner's lease expiry, or (without owner) when it is due
 * @param createdAt when it was started
 * @param parentId the parent of a child workflow, or {@code null}
 * @param handler the completion handler's bean name, or {@code null}
 * @param context the completion handler's context JSON, or {@code null}
 * @param traceContext the trace context of the start, to continue in every turn, or
 * {@code null}
 * @param deadline when it is canceled unless it has finished, or {@code null}
 * @param forkedFrom the run a fork copied its first steps from, or {@code null}
 * @param queue the named queue it executes in, or {@code null}
 * @param priority its priority in the queue (lower first), or {@code null}
 * @param dedupId the deduplication id it holds in the queue while in progress, or
 * {@code null}
 */
public record NewRun(String id, String name, String args, @Nullable String owner, Instant dueAt, Instant createdAt,
		@Nullable String parentId, @Nullable String handler, @Nullable String context, @Nullable String traceContext,
		@Nullable Instant deadline, @Nullable String forkedFrom, @Nullable String queue, @Nullable Integer priority,
		@Nullable String dedupId) {
}
