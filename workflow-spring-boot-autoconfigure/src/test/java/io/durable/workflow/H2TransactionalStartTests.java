package io.durable.workflow;

class H2TransactionalStartTests extends TransactionalStartTests {

}
