package io.durable.workflow.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.durable.workflow.journal.JournalStatistics;
import io.durable.workflow.journal.NodeHolding;
import io.durable.workflow.journal.RunsInMinute;

/**
 * The dashboard's overview: the runs of all nodes started, completed and failed in each
 * minute of the last hour, what is in progress now, and the nodes with what each holds.
 *
 * @param minutes the last {@value #MINUTES} minutes, oldest first, the current one last
 * @param inProgress runs in progress
 * @param waiting runs in progress waiting for a timer, an event or a child
 * @param due runs due to be claimed by a node
 * @param stalled runs in progress parked because their replay diverged
 * @param failed runs that failed (all time)
 * @param nodes the nodes sharing the journal, by id (this one even where it holds no run
 * and the database keeps no record of nodes)
 * @param thisNode the id of the node answering
 * @param asOf when the counts were taken
 */
public record Overview(List<RunsInMinute> minutes, long inProgress, long waiting, long due, long stalled, long failed,
		List<NodeHolding> nodes, String thisNode, Instant asOf) {

	/** How many minutes the overview counts runs in. */
	static final int MINUTES = 60;

	/** The first minute an overview taken at this time counts. */
	static Instant firstMinute(Instant now) {
		return now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(MINUTES - 1));
	}

	static Overview of(JournalStatistics statistics, List<RunsInMinute> counted, List<NodeHolding> nodes,
			String thisNode) {
		Map<Instant, RunsInMinute> byMinute = counted.stream()
			.collect(Collectors.toMap(RunsInMinute::minute, Function.identity()));
		List<RunsInMinute> minutes = new ArrayList<>();
		Instant minute = firstMinute(statistics.asOf());
		for (int i = 0; i < MINUTES; i++, minute = minute.plus(Duration.ofMinutes(1))) {
			minutes.add(byMinute.getOrDefault(minute, new RunsInMinute(minute, 0, 0, 0)));
		}
		List<NodeHolding> shown = nodes;
		if (nodes.stream().noneMatch((node) -> node.node().equals(thisNode))) {
			shown = new ArrayList<>(nodes);
			shown.add(new NodeHolding(thisNode, null, 0));
		}
		return new Overview(minutes, statistics.inProgress(), statistics.waiting(), statistics.due(),
				statistics.stalled(), statistics.failed(), shown, thisNode, statistics.asOf());
	}

}
