package io.durable.workflow;

class H2RetryTests extends RetryTests {

}
