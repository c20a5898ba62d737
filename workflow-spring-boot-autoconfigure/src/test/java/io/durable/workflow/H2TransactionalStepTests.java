package io.durable.workflow;

class H2TransactionalStepTests extends TransactionalStepTests {

}
