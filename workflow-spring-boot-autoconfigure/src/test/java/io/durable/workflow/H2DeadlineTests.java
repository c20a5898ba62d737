package io.durable.workflow;

class H2DeadlineTests extends DeadlineTests {

}
