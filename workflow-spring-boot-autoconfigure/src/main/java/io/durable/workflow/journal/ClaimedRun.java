package io.durable.workflow.journal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A run this node has just claimed to resume.
 *
 * @param id the workflow id
 * @param name the workflow name
 * @param args the arguments JSON
 * @param parentId the parent of a child workflow, or {@code null}
 * @param handler the completion handler's bean name, or {@code null}
 * @param context the completion handler's context JSON, or {@code null}
 * @param traceContext the trace context of its start, or {@code null}
 * @param deadline when it is canceled unless it has finished, or {@code null}
 * @param queue the named queue it executes in, or {@code null}
 * @param unbegun whether it is known never to have begun, nor to hold steps copied from
 * another run: its journal is empty, no need to load it
 */
public record ClaimedRun(String id, String name, String args, @Nullable String parentId, @Nullable String handler,
		@Nullable String context, @Nullable String traceContext, @Nullable Instant deadline, @Nullable String queue,
		boolean unbegun) {
}
