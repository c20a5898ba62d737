package io.durable.workflow.journal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A node sharing the journal, and how many runs it holds.
 *
 * @param node its id ({@code workflow.node-id})
 * @param since when it announced itself, or {@code null} where the database keeps no
 * record of nodes (H2) or it has not yet
 * @param holds the runs in progress it holds now (executing, or waiting in its memory)
 */
public record NodeHolding(String node, @Nullable Instant since, long holds) {
}
