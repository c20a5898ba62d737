package io.durable.workflow.journal;

/**
 * A run this node has just claimed to resume.
 *
 * @param id the workflow id
 * @param name the workflow name
 * @param args the arguments JSON
 */
public record ClaimedRun(String id, String name, String args) {
}
