package io.durable.workflow;

import io.durable.workflow.test.OnPostgres;

@OnPostgres
class PostgresRetryTests extends RetryTests {

}
