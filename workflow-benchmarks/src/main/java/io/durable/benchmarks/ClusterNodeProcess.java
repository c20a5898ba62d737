package io.durable.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ClusterNode} in a JVM of its own, started from this JVM's class path (or jar),
 * talked to through its standard input and output; its log goes to a file.
 */
final class ClusterNodeProcess implements AutoCloseable {

	private final String name;

	private final Process process;

	private final Path log;

	private final PrintStream commands;

	private final BufferedReader answers;

	private ClusterNodeProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
		this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
	}

	/** Starts a node on the benchmark's database and waits until it has warmed up. */
	static ClusterNodeProcess start(String name, BenchmarkOptions options, BenchmarkDatabase database)
			throws IOException {
		List<String> command = new ArrayList<>(List.of(
				ProcessHandle.current().info().command().orElseThrow(() -> new IllegalStateException("No java")),
				"-Xmx512m"));
		String classPath = System.getProperty("java.class.path");
		if (BenchmarkApplication.class.getClassLoader() != ClassLoader.getSystemClassLoader()) {
			// Loaded by Spring Boot's launcher from the executable jar, which is the
			// class path then.
			command.addAll(List.of("-jar", classPath));
		}
		else {
			command.addAll(List.of("-cp", classPath, BenchmarkApplication.class.getName()));
		}
		command.addAll(List.of("--node", name, "--jdbc-url", database.url(), "--jdbc-username", database.username(),
				"--jdbc-password", database.password(), "--steps", String.valueOf(options.steps()), "--warmup",
				String.valueOf(options.warmup()), "--starters", String.valueOf(options.starters()), "--max-parallelism",
				String.valueOf(options.maxParallelism()), "--pool-size", String.valueOf(options.poolSize())));
		Path log = Files.createTempFile("benchmark-" + name + "-", ".log");
		Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
		ClusterNodeProcess node = new ClusterNodeProcess(name, process, log);
		node.expect("ready");
		return node;
	}

	String name() {
		return this.name;
	}

	/** Sends a command and waits for its answer. */
	void command(String line) throws IOException {
		this.commands.println(line);
		expect("started");
	}

	/** Kills the JVM at once, as a crash would (SIGKILL), and waits until it is gone. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	private void expect(String answer) throws IOException {
		String line = this.answers.readLine();
		if (!answer.equals(line)) {
			throw new IllegalStateException("Node '" + this.name + "' answered " + line + " instead of " + answer
					+ "; see its log, " + this.log);
		}
	}

	/**
	 * Stops the node: cleanly if it still runs, at once if it does not stop within a
	 * minute.
	 */
	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			this.commands.println("stop");
			this.commands.close();
			if (!this.process.waitFor(1, TimeUnit.MINUTES)) {
				kill();
			}
		}
	}

}
