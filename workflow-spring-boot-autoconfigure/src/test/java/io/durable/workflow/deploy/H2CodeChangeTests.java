package io.durable.workflow.deploy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;

/** {@link CodeChangeTests} on an H2 file database, as a deploy on H2 would keep it. */
class H2CodeChangeTests extends CodeChangeTests {

	@TempDir
	static Path directory;

	@Override
	Map<String, Object> database() {
		return Map.of("spring.datasource.url", "jdbc:h2:file:" + directory.resolve("journal"),
				"workflow.jdbc.initialize-schema", "always");
	}

}
