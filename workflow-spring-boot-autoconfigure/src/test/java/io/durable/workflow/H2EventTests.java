package io.durable.workflow;

class H2EventTests extends EventTests {

}
