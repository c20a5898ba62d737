package io.durable.workflow.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.durable.workflow.test.PostgresTestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nodes starting at the same moment on an empty PostgreSQL database run the journal's
 * schema script one after the other: each of them, started at once, succeeds, with errors
 * not ignored.
 */
class PostgresConcurrentSchemaTests {

	private static final int NODES = 6;

	@Test
	void schemaScriptsRunAtOnceByManyNodesAllSucceed() throws Exception {
		PostgresTestDatabase.Connection database = PostgresTestDatabase.newDatabase();
		List<HikariDataSource> dataSources = new ArrayList<>();
		CountDownLatch ready = new CountDownLatch(NODES);
		List<CompletableFuture<Boolean>> nodes = new ArrayList<>();
		for (int i = 0; i < NODES; i++) {
			HikariDataSource dataSource = new HikariDataSource();
			dataSource.setJdbcUrl(database.url());
			dataSource.setUsername(database.username());
			dataSource.setPassword(database.password());
			dataSources.add(dataSource);
			WorkflowDataSourceScriptDatabaseInitializer initializer = initializer(dataSource);
			nodes.add(CompletableFuture.supplyAsync(() -> {
				ready.countDown();
				awaitQuietly(ready);
				return initializer.initializeDatabase();
			}, (task) -> new Thread(task).start()));
		}
		List<Throwable> failures = new ArrayList<>();
		for (CompletableFuture<Boolean> node : nodes) {
			try {
				assertThat(node.get(60, TimeUnit.SECONDS)).isTrue();
			}
			catch (ExecutionException ex) {
				failures.add(ex.getCause());
			}
		}
		try {
			assertThat(failures).isEmpty();
			assertThat(JdbcClient.create(dataSources.get(0))
				.sql("select count(*) from pg_indexes where tablename like 'workflow_%'")
				.query(Long.class)
				.single()).isGreaterThan(5);
		}
		finally {
			dataSources.forEach(HikariDataSource::close);
		}
	}

	private static WorkflowDataSourceScriptDatabaseInitializer initializer(DataSource dataSource) {
		WorkflowJdbcProperties properties = new WorkflowJdbcProperties();
		properties.setInitializeSchema(DatabaseInitializationMode.ALWAYS);
		properties.setContinueOnError(false);
		return new WorkflowDataSourceScriptDatabaseInitializer(dataSource, properties);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
