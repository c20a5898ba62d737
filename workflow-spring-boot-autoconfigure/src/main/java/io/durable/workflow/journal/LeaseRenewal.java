package io.durable.workflow.journal;

import java.util.Set;

/**
 * What renewing a node's leases found.
 *
 * @param held the runs the node still owns, in progress
 * @param extended those of them whose lease was extended (the others were locked by
 * another transaction at the time)
 */
public record LeaseRenewal(Set<String> held, Set<String> extended) {
}
