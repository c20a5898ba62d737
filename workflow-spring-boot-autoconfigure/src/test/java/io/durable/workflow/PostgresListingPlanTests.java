package io.durable.workflow;

import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

import io.durable.workflow.journal.RetentionStore;
import io.durable.workflow.journal.RunQuery;
import io.durable.workflow.test.OnPostgres;
import io.durable.workflow.test.QueryPlans;
import io.durable.workflow.testapp.TestApplication;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With 100,000 runs stored, every listing query is served by an index in creation order:
 * a page costs a few index entries, not a scan of the table. (Checked with PostgreSQL's
 * plans rather than with timings.) Retention finds the oldest finished runs through an
 * index too.
 */
@OnPostgres
@SpringBootTest(classes = TestApplication.class, properties = "workflow.node-id=listing-plans")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresListingPlanTests {

	private static final Instant MIDDLE = Instant.parse("2026-01-01T00:00:00Z");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@BeforeAll
	void storeManyRuns() {
		this.jdbc.sql("""
				insert into workflow_run (id, name, state, args, parent_id, created_at, finished_at)
				select 'bulk-' || g, 'bulk-' || (g % 20), case when g % 3 = 0 then 'IN_PROGRESS' else 'COMPLETED' end,
				  '[]', case when g % 100 = 0 then 'bulk-1' end,
				  timestamptz '2026-01-01 00:00:00+00' - (g * interval '1 second'),
				  case when g % 3 <> 0 then timestamptz '2026-01-01 00:00:00+00' - (g * interval '1 second') end
				from generate_series(1, 100000) g
				on conflict do nothing""").update();
		this.jdbc.sql("analyze workflow_run").update();
	}

	static List<RunQuery> queries() {
		return List.of(new RunQuery(null, null, null, null, null, false, null, null, null, null, false, 51),
				new RunQuery(null, null, null, null, null, false, null, null, MIDDLE, "bulk-500", true, 51),
				new RunQuery("bulk-7", null, null, null, null, false, null, null, null, null, true, 51),
				new RunQuery(null, null, "IN_PROGRESS", null, null, false, null, null, MIDDLE, "bulk-9", false, 51),
				new RunQuery(null, null, null, "bulk-1", null, false, null, null, null, null, false, 51),
				new RunQuery("bulk-3", null, "COMPLETED", null, null, false, MIDDLE.minusSeconds(86_400), MIDDLE, null,
						null, true, 51));
	}

	@ParameterizedTest
	@MethodSource("queries")
	void aPageIsReadFromAnIndexInCreationOrder(RunQuery query) throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			assertIndexOnly(QueryPlans.explain(connection, query.sql(), query::bind));
		}
	}

	@Test
	void retentionReadsTheOldestFinishedRunsFromAnIndex() throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			assertIndexOnly(QueryPlans.explain(connection, RetentionStore.PAST_RETENTION, (statement) -> {
				statement.setString(1, "COMPLETED");
				statement.setObject(2, MIDDLE.minusSeconds(50_000).atOffset(ZoneOffset.UTC));
				statement.setInt(3, 500);
			}));
		}
	}

	private static void assertIndexOnly(String text) {
		assertThat(text).as(text).contains("Index").doesNotContain("Seq Scan").doesNotContain("Sort");
	}

}
