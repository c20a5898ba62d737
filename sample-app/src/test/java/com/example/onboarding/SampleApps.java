package com.example.onboarding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import org.springframework.util.FileSystemUtils;

/**
 * Starts sample application JVMs for a test in a directory of its own, destroys them
 * after the test whatever its outcome, and prints their logs when it fails.
 */
final class SampleApps implements BeforeEachCallback, AfterEachCallback, TestWatcher {

	private final Path directory;

	private final List<SampleAppProcess> started = new CopyOnWriteArrayList<>();

	SampleApps(Path directory) {
		this.directory = directory;
	}

	SampleAppProcess start(String name, List<String> arguments) throws IOException {
		SampleAppProcess app = SampleAppProcess.start(name, this.directory, arguments);
		this.started.add(app);
		return app;
	}

	/** The applications started so far, in order, alive or not. */
	List<SampleAppProcess> started() {
		return List.copyOf(this.started);
	}

	@Override
	public void beforeEach(ExtensionContext context) throws IOException {
		FileSystemUtils.deleteRecursively(this.directory);
		Files.createDirectories(this.directory);
	}

	@Override
	public void afterEach(ExtensionContext context) throws InterruptedException {
		for (SampleAppProcess app : this.started) {
			app.destroy();
		}
	}

	@Override
	public void testFailed(ExtensionContext context, Throwable cause) {
		for (SampleAppProcess app : this.started) {
			System.out.println("==== log of application '" + app.name() + "' ====");
			System.out.println(app.log());
		}
	}

}
