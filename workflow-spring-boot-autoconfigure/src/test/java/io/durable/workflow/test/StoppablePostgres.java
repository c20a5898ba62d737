package io.durable.workflow.test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server of a test's own, which the test stops (as an outage does:
 * connections break, new ones are refused) and starts again on the same port and data.
 */
public final class StoppablePostgres implements AutoCloseable {

	private final Path directory;

	private final int port;

	private EmbeddedPostgres server;

	private StoppablePostgres(Path directory, int port) throws IOException {
		this.directory = directory;
		this.port = port;
		this.server = newServer();
	}

	/**
	 * Starts a server keeping its data in the directory.
	 * @param directory an empty directory
	 */
	public static StoppablePostgres start(Path directory) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		return new StoppablePostgres(directory, port);
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + this.port + "/postgres?user=postgres";
	}

	/** Stops the server: the outage begins. */
	public void stop() throws IOException {
		this.server.close();
	}

	/** Starts the server again, with its data: the outage ends. */
	public void restart() throws IOException {
		this.server = newServer();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

	private EmbeddedPostgres newServer() throws IOException {
		return EmbeddedPostgres.builder()
			.setDataDirectory(this.directory)
			.setCleanDataDirectory(false)
			.setPort(this.port)
			.start();
	}

}
