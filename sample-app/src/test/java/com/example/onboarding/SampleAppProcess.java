package com.example.onboarding;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.durable.workflow.test.PostgresTestDatabase;

import static org.awaitility.Awaitility.await;

/**
 * The sample application in a JVM of its own, started from this test's class path on a
 * free port, with its output in a log file.
 */
final class SampleAppProcess {

	private static final String MAIN_CLASS = "com.example.onboarding.OnboardingApplication";

	private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

	private final String name;

	private final Process process;

	private final Path log;

	private final OnboardingApi api;

	private SampleAppProcess(String name, Process process, Path log, OnboardingApi api) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.api = api;
	}

	/**
	 * Starts the application.
	 * @param name names the log file, {@code <directory>/<name>.log}
	 * @param directory the working directory
	 * @param arguments application arguments, such as {@code --spring.datasource.url=...}
	 */
	static SampleAppProcess start(String name, Path directory, List<String> arguments) throws IOException {
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
				applicationClassPath(), MAIN_CLASS, "--server.port=" + port));
		command.addAll(arguments);
		Path log = directory.resolve(name + ".log");
		Process process = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		return new SampleAppProcess(name, process, log, new OnboardingApi(port));
	}

	OnboardingApi api() {
		return this.api;
	}

	/**
	 * Waits until the application answers HTTP requests; fails at once if its JVM exits.
	 */
	void awaitServing(Duration timeout) {
		await("application '" + this.name + "' serving HTTP").atMost(timeout)
			.pollInterval(Duration.ofMillis(250))
			.failFast("application '" + this.name + "' exited (see " + this.log + ")", () -> !this.process.isAlive())
			.ignoreExceptions()
			.until(() -> this.api.get("/api/workflows/readiness-probe").status() == 404);
	}

	/** Kills the JVM at once, as a crash would (SIGKILL), and waits until it is gone. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		awaitExit();
	}

	/**
	 * Shuts the application down gracefully (SIGTERM) and waits until its JVM is gone.
	 */
	void stop() throws InterruptedException {
		this.process.destroy();
		awaitExit();
	}

	String name() {
		return this.name;
	}

	String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			return "(cannot read " + this.log + ": " + ex + ")";
		}
	}

	/** Kills the JVM if it still runs. */
	void destroy() throws InterruptedException {
		if (this.process.isAlive()) {
			kill();
		}
	}

	private void awaitExit() throws InterruptedException {
		if (!this.process.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
			throw new IllegalStateException("Application '" + this.name + "' did not exit within " + EXIT_TIMEOUT);
		}
	}

	private static String javaExecutable() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElseThrow(() -> new IllegalStateException("Cannot tell this JVM's java executable"));
	}

	/**
	 * This JVM's class path without the engine's test jar: its
	 * {@code application.properties} and {@code schema.sql} configure the engine's own
	 * test application, not this one.
	 */
	private static String applicationClassPath() {
		String testJar = location(PostgresTestDatabase.class);
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !Path.of(entry).toAbsolutePath().toString().equals(testJar))
			.collect(Collectors.joining(File.pathSeparator));
	}

	private static String location(Class<?> type) {
		try {
			return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
				.toAbsolutePath()
				.toString();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
