package io.durable.workflow;

import javax.sql.DataSource;

import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.support.JdbcUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The bundled schema scripts: the entity mapping is a faithful description of them (this
 * context validates it, {@code spring.jpa.hibernate.ddl-auto=validate}), and running a
 * script again changes nothing, so {@code initialize-schema: always} is safe on every
 * start, and brings a journal created by an earlier version up to date.
 */
@SpringBootTest(classes = TestApplication.class, properties = "spring.jpa.hibernate.ddl-auto=validate")
abstract class JournalSchemaTests {

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theScriptCanRunAgainOnAnExistingSchema() throws Exception {
		assertThatNoException().isThrownBy(() -> script().execute(this.dataSource));
	}

	@Test
	void theScriptAddsTheTraceContextColumnToAJournalCreatedBeforeIt() throws Exception {
		this.jdbc.sql("ALTER TABLE workflow_run DROP COLUMN trace_context").update();

		script().execute(this.dataSource);

		assertThat(this.jdbc.sql("SELECT COUNT(trace_context) FROM workflow_run").query(Long.class).single())
			.isNotNull();
	}

	private ResourceDatabasePopulator script() throws Exception {
		String url = JdbcUtils.extractDatabaseMetaData(this.dataSource, (metadata) -> metadata.getURL());
		String platform = DatabaseDriver.fromJdbcUrl(url).getId();
		ResourceDatabasePopulator populator = new ResourceDatabasePopulator(
				new ClassPathResource("io/durable/workflow/journal/schema-" + platform + ".sql"));
		populator.setContinueOnError(false);
		return populator;
	}

}
