package com.example.onboarding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * Test instrumentation of a node JVM: appends a line to its file when a step attempt
 * starts and when it ends (each line reaches the operating system at once, so a SIGKILL
 * loses none), so that a test can tell which node ran which attempt when. {@link #read}
 * reads such a file back.
 */
final class StepExecutionLog implements ObservationHandler<Observation.Context> {

	private static final String STEP_OBSERVATION = "workflow.step";

	private final FileChannel file;

	StepExecutionLog(Path path) throws IOException {
		this.file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.APPEND);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return STEP_OBSERVATION.equals(context.getName());
	}

	@Override
	public void onStart(Observation.Context context) {
		append("start", context);
	}

	@Override
	public void onStop(Observation.Context context) {
		append("end", context);
	}

	private synchronized void append(String event, Observation.Context context) {
		String line = event + " " + Instant.now() + " " + value(context, "workflow.id") + " "
				+ value(context, "step.sequence") + " " + value(context, "step.attempt") + "\n";
		try {
			this.file.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String value(Observation.Context context, String key) {
		return context.getHighCardinalityKeyValue(key).getValue();
	}

	/**
	 * The attempts a node's file records, in the order they started.
	 * @param node the node's name
	 * @param diedAt when the node was killed, the end of attempts it did not finish;
	 * {@code null} if it was not killed, when every attempt must have ended
	 */
	static List<Execution> read(Path path, String node, Instant diedAt) throws IOException {
		List<Execution> executions = new ArrayList<>();
		Map<String, Instant> started = new HashMap<>();
		for (String line : Files.readAllLines(path)) {
			String[] fields = line.split(" ");
			String attempt = fields[2] + " " + fields[3] + " " + fields[4];
			if (fields[0].equals("start")) {
				started.put(attempt, Instant.parse(fields[1]));
			}
			else {
				executions.add(new Execution(node, fields[2], Integer.parseInt(fields[3]), started.remove(attempt),
						Instant.parse(fields[1]), true));
			}
		}
		started.forEach((attempt, start) -> {
			if (diedAt == null) {
				throw new IllegalStateException("Node '" + node + "' never ended attempt " + attempt);
			}
			String[] fields = attempt.split(" ");
			executions.add(new Execution(node, fields[0], Integer.parseInt(fields[1]), start, diedAt, false));
		});
		executions.sort((a, b) -> a.start().compareTo(b.start()));
		return executions;
	}

	/**
	 * One attempt of a step on a node.
	 *
	 * @param ended whether the node ended it, rather than died during it
	 */
	record Execution(String node, String runId, int sequence, Instant start, Instant end, boolean ended) {

		boolean overlaps(Execution other) {
			return this.start.isBefore(other.end) && other.start.isBefore(this.end);
		}

	}

}
