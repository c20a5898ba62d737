package com.example.onboarding;

import java.util.List;
import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The crash test on the default kind of database, an H2 file (in the test's directory,
 * with the settings of the default configuration), which the killed JVM leaves locked.
 */
class H2FileCrashRecoveryTests extends CrashRecoveryTests {

	private final String url = "jdbc:h2:file:" + this.directory.resolve("onboarding")
			+ ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";

	@Override
	List<String> databaseArguments() {
		return List.of("--spring.datasource.url=" + this.url);
	}

	@Override
	DataSource dataSource() {
		return new DriverManagerDataSource(this.url, "sa", "");
	}

}
