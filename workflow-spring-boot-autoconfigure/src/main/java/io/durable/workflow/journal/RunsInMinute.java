package io.durable.workflow.journal;

import java.time.Instant;

/**
 * How many runs started, completed and failed in one minute.
 *
 * @param minute the minute's start
 * @param started runs created in it
 * @param completed runs that completed in it
 * @param failed runs that failed in it
 */
public record RunsInMinute(Instant minute, long started, long completed, long failed) {
}
