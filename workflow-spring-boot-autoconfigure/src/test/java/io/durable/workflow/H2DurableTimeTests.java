package io.durable.workflow;

class H2DurableTimeTests extends DurableTimeTests {

}
