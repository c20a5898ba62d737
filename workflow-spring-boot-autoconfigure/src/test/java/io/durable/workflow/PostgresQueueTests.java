package io.durable.workflow;

import io.durable.workflow.test.OnPostgres;

@OnPostgres
class PostgresQueueTests extends QueueTests {

}
