package io.durable.workflow;

import io.durable.workflow.test.OnPostgres;

@OnPostgres
class PostgresTimeSkippingTests extends TimeSkippingTests {

}
