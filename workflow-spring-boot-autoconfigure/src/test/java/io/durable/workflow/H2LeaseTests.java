package io.durable.workflow;

class H2LeaseTests extends LeaseTests {

}
